package upcast.signaling.social;

/** One line of an import that could not be used, and why. */
public record ImportProblem(int line, String message) {}
