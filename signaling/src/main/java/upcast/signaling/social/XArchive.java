package upcast.signaling.social;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code data/following.js} of an X/Twitter data archive: a script assigning a JSON array to
 * {@code window.YTD.following.part0}, each element {@code {"following": {"accountId": "…",
 * "userLink": "…"}}}. Elements without a numeric account id are counted invalid with their line.
 */
final class XArchive {
  private static final Pattern PREFIX =
      Pattern.compile("\\A\\s*window\\.YTD\\.following\\.part\\d+\\s*=");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,20}");

  private XArchive() {}

  static ImportFile parse(ObjectMapper json, String text) throws ImportException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Matcher m = PREFIX.matcher(body);
    if (!m.find()) {
      throw new ImportException(
          1,
          "Not an X archive's following.js: it should start with"
              + " \"window.YTD.following.part0 = [\".");
    }
    // Blank the assignment out (same length) so parser line numbers are the file's own.
    String array = " ".repeat(m.end()) + body.substring(m.end());
    ImportFile out = new ImportFile();
    try (JsonParser p = json.getFactory().createParser(array)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ImportException(line(p.currentLocation()), "Expected a JSON array after \"=\".");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == null) {
          throw new ImportException(line(p.currentLocation()), "The array is not closed.");
        }
        int line = line(p.currentTokenLocation());
        JsonNode entry = json.readTree(p);
        JsonNode id = entry == null ? null : entry.path("following").get("accountId");
        if (id == null || (!id.isTextual() && !id.isIntegralNumber())) {
          out.invalid(line, "No \"following.accountId\" in this entry.");
        } else if (!ACCOUNT_ID.matcher(id.asText()).matches()) {
          out.invalid(line, "The accountId \"" + id.asText() + "\" is not a number.");
        } else {
          out.values.add(id.asText());
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ImportException(
          at == null ? 1 : line(at), "Malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ImportException(1, "Could not read the file.");
    }
    return out;
  }

  private static int line(JsonLocation l) {
    return Math.max(1, l.getLineNr());
  }
}
