package upcast.signaling.social;

import java.util.List;

/**
 * What an import did: follows added now, people already followed, people kept pending until they
 * join or link X, and lines that could not be used (the first 50 listed in {@code errors}).
 */
public record ImportReport(
    int matched, int alreadyFollowing, int pending, int invalid, List<ImportProblem> errors) {}
