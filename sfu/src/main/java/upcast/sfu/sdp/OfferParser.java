package upcast.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses an SDP offer (RFC 8866 §5 line syntax {@code <type>=<value>}) into an {@link Offer}.
 * Errors name the line and what is wrong; nothing here throws anything but {@link
 * MalformedOfferException}.
 */
public final class OfferParser {
  /** Compiled once: every WHEP join parses an offer (String.split/matches compile each call). */
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

  private static final Pattern FINGERPRINT_HEX =
      Pattern.compile("([0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{2}");

  /** Offers larger than this are refused before parsing (real offers are under 10 KiB). */
  public static final int MAX_LENGTH = 64 * 1024;

  private OfferParser() {}

  public static Offer parse(String sdp) throws MalformedOfferException {
    try {
      return parseChecked(sdp);
    } catch (RuntimeException e) {
      // Every malformed input must become a clear 400, never a 500: a last safety net.
      throw new MalformedOfferException(
          "malformed SDP offer (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Offer parseChecked(String sdp) throws MalformedOfferException {
    if (sdp == null || sdp.isBlank()) {
      throw new MalformedOfferException("empty SDP offer");
    }
    if (sdp.length() > MAX_LENGTH) {
      throw new MalformedOfferException("SDP offer larger than " + MAX_LENGTH + " characters");
    }
    String[] lines = LINE_BREAK.split(sdp.strip());
    if (!lines[0].trim().equals("v=0")) {
      throw new MalformedOfferException("line 1: an SDP offer starts with v=0");
    }
    Attrs session = new Attrs();
    List<SectionBuilder> sections = new ArrayList<>();
    List<String> bundle = new ArrayList<>();
    SectionBuilder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new MalformedOfferException(
            "line " + (i + 1) + ": not of the form <type>=<value>: " + clip(line));
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (type == 'm') {
        current = new SectionBuilder(i + 1, value);
        sections.add(current);
      } else if (type == 'a') {
        Attrs target = current == null ? session : current.attrs;
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        String arg = colon < 0 ? "" : value.substring(colon + 1);
        if (current == null && name.equals("group") && arg.startsWith("BUNDLE")) {
          for (String mid : SPACES.split(arg.substring(6).trim())) {
            if (!mid.isEmpty()) {
              bundle.add(mid);
            }
          }
        } else {
          target.add(i + 1, name, arg);
        }
      }
    }
    if (sections.isEmpty()) {
      throw new MalformedOfferException("the offer has no m= section");
    }
    List<MediaSection> media = new ArrayList<>();
    for (SectionBuilder s : sections) {
      media.add(s.build());
    }
    String ufrag = firstOf(session, sections, "ice-ufrag");
    String pwd = firstOf(session, sections, "ice-pwd");
    String fp = firstOf(session, sections, "fingerprint");
    String setup = firstOf(session, sections, "setup");
    if (ufrag == null || pwd == null) {
      throw new MalformedOfferException("the offer has no a=ice-ufrag / a=ice-pwd");
    }
    if (fp == null) {
      throw new MalformedOfferException("the offer has no a=fingerprint (DTLS-SRTP is required)");
    }
    String[] fpParts = SPACES.split(fp.trim());
    if (fpParts.length != 2 || !FINGERPRINT_HEX.matcher(fpParts[1]).matches()) {
      throw new MalformedOfferException("a=fingerprint is not '<hash> <hex:hex:...>': " + clip(fp));
    }
    return new Offer(
        ufrag.trim(),
        pwd.trim(),
        fpParts[0].toLowerCase(Locale.ROOT),
        fpParts[1].toUpperCase(Locale.ROOT),
        setup == null ? "actpass" : setup.trim(),
        bundle,
        media);
  }

  private static @Nullable String firstOf(
      Attrs session, List<SectionBuilder> sections, String name) {
    String v = session.first(name);
    if (v != null) {
      return v;
    }
    for (SectionBuilder s : sections) {
      if (s.port != 0 && s.attrs.first(name) != null) {
        return s.attrs.first(name);
      }
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  /** Attributes of one level, in order, with their line numbers for error messages. */
  private static final class Attrs {
    final List<String[]> entries = new ArrayList<>();

    void add(int line, String name, String value) {
      entries.add(new String[] {name, value, Integer.toString(line)});
    }

    @Nullable String first(String name) {
      for (String[] e : entries) {
        if (e[0].equals(name)) {
          return e[1];
        }
      }
      return null;
    }

    boolean has(String name) {
      return first(name) != null;
    }
  }

  private static final class SectionBuilder {
    final int line;
    final String kind;
    final int port;
    final String protocol;
    final List<String> formats = new ArrayList<>();
    final Attrs attrs = new Attrs();

    SectionBuilder(int line, String value) throws MalformedOfferException {
      this.line = line;
      String[] parts = SPACES.split(value.trim());
      if (parts.length < 3) {
        throw new MalformedOfferException(
            "line " + line + ": m= needs <media> <port> <proto> <fmt>...");
      }
      this.kind = parts[0].toLowerCase(Locale.ROOT);
      try {
        this.port = Integer.parseInt(parts[1].split("/")[0]);
      } catch (NumberFormatException e) {
        throw new MalformedOfferException("line " + line + ": bad port in m= line: " + parts[1]);
      }
      this.protocol = parts[2];
      for (int i = 3; i < parts.length; i++) {
        formats.add(parts[i]);
      }
    }

    MediaSection build() throws MalformedOfferException {
      Map<Integer, String[]> rtpmaps = new LinkedHashMap<>();
      Map<Integer, String> fmtps = new LinkedHashMap<>();
      Map<Integer, List<String>> fbs = new LinkedHashMap<>();
      List<MediaSection.Extension> extensions = new ArrayList<>();
      List<Long> ssrcs = new ArrayList<>();
      List<Long> secondary = new ArrayList<>();
      String direction = "sendrecv";
      for (String[] e : attrs.entries) {
        String name = e[0];
        String v = e[1].trim();
        if (v.isEmpty()
            && !name.equals("sendrecv")
            && !name.equals("sendonly")
            && !name.equals("recvonly")
            && !name.equals("inactive")) {
          continue;
        }
        int at = Integer.parseInt(e[2]);
        switch (name) {
          case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = name;
          case "rtpmap" -> {
            String[] p = SPACES.split(v, 2);
            int pt = payloadType(p[0], at);
            if (p.length < 2) {
              throw new MalformedOfferException(
                  "line " + at + ": a=rtpmap needs <pt> <name>/<rate>");
            }
            rtpmaps.put(pt, p[1].split("/"));
          }
          case "fmtp" -> {
            String[] p = SPACES.split(v, 2);
            fmtps.put(payloadType(p[0], at), p.length > 1 ? p[1] : "");
          }
          case "rtcp-fb" -> {
            String[] p = SPACES.split(v, 2);
            if (!p[0].equals("*") && p.length > 1) {
              fbs.computeIfAbsent(payloadType(p[0], at), k -> new ArrayList<>()).add(p[1]);
            }
          }
          case "extmap" -> {
            String[] p = SPACES.split(v);
            if (p.length < 2) {
              throw new MalformedOfferException("line " + at + ": a=extmap needs <id> <uri>");
            }
            int id;
            try {
              id = Integer.parseInt(p[0].split("/")[0]);
            } catch (NumberFormatException ex) {
              throw new MalformedOfferException("line " + at + ": bad a=extmap id: " + p[0]);
            }
            if (id < 1 || id > 255) {
              throw new MalformedOfferException("line " + at + ": a=extmap id out of range: " + id);
            }
            extensions.add(new MediaSection.Extension(id, p[1]));
          }
          case "ssrc" -> {
            long ssrc = ssrc(SPACES.split(v)[0], at);
            if (!ssrcs.contains(ssrc)) {
              ssrcs.add(ssrc);
            }
          }
          case "ssrc-group" -> {
            String[] p = SPACES.split(v);
            for (int i = 2; i < p.length; i++) {
              secondary.add(ssrc(p[i], at));
            }
          }
          default -> {
            // Other attributes (msid, rid, simulcast, sctp-port, ...) are not needed yet.
          }
        }
      }
      ssrcs.removeAll(secondary);
      List<Codec> codecs = new ArrayList<>();
      for (String f : formats) {
        int pt;
        try {
          pt = Integer.parseInt(f);
        } catch (NumberFormatException e) {
          continue; // application sections list "webrtc-datachannel"
        }
        String[] map = rtpmaps.get(pt);
        if (map == null) {
          continue; // static payload types without rtpmap are never chosen
        }
        int rate;
        int channels;
        try {
          rate = Integer.parseInt(map[1]);
          channels = map.length > 2 ? Integer.parseInt(map[2]) : 1;
        } catch (RuntimeException e) {
          throw new MalformedOfferException(
              "line " + line + ": bad a=rtpmap for payload type " + pt);
        }
        codecs.add(
            new Codec(pt, map[0], rate, channels, fmtps.get(pt), fbs.getOrDefault(pt, List.of())));
      }
      String mid = attrs.first("mid");
      return new MediaSection(
          kind,
          port,
          protocol,
          formats,
          mid == null ? null : mid.trim(),
          direction,
          codecs,
          extensions,
          ssrcs,
          attrs.has("rtcp-mux"),
          attrs.has("rtcp-rsize"));
    }

    private static int payloadType(String s, int at) throws MalformedOfferException {
      try {
        int pt = Integer.parseInt(s.trim());
        if (pt < 0 || pt > 127) {
          throw new MalformedOfferException("line " + at + ": payload type out of range: " + pt);
        }
        return pt;
      } catch (NumberFormatException e) {
        throw new MalformedOfferException("line " + at + ": bad payload type: " + s);
      }
    }

    private static long ssrc(String s, int at) throws MalformedOfferException {
      try {
        long v = Long.parseLong(s);
        if (v < 0 || v > 0xFFFFFFFFL) {
          throw new MalformedOfferException("line " + at + ": SSRC out of range: " + s);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new MalformedOfferException("line " + at + ": bad SSRC: " + s);
      }
    }
  }
}
