package upcast.signaling.http;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a broadcast's link-preview card (title, @handle, LIVE or ENDED, the Upcast wordmark) as a
 * PNG with Java2D. The card is laid out at 1200×630 and scaled as a whole for smaller widths, so
 * every size looks the same. Runs headless: a server has no display.
 */
final class CardRenderer {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final int W = LinkPreview.CARD_WIDTH;
  private static final int H = LinkPreview.CARD_HEIGHT;
  private static final Color LIVE = new Color(0xff3b5c);
  private static final Color TEXT = new Color(0xeef0f4);
  private static final Color MUTED = new Color(0xa3a9b8);
  private static final int MAX_TITLE_LINES = 3;

  private CardRenderer() {}

  /** The card as PNG bytes, {@code width} pixels wide (1..1200) at the 1200:630 aspect. */
  static byte[] png(String title, String handle, boolean live, int width) {
    int w = Math.max(1, Math.min(W, width));
    int h = Math.max(1, w * H / W); // floor, as oEmbed promises heights within maxheight
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.scale(w / (double) W, h / (double) H);
      draw(g, title, handle, live);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, String title, String handle, boolean live) {
    g.setPaint(new GradientPaint(0, 0, new Color(0x2b3a67), W, H, new Color(0x7a2f5b)));
    g.fillRect(0, 0, W, H);
    g.setColor(new Color(0, 0, 0, 90));
    g.fillRect(0, H - 150, W, 150);

    // Wordmark, as in the pages' header: a red dot and "Upcast".
    g.setColor(LIVE);
    g.fill(new Ellipse2D.Double(72, 64, 34, 34));
    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
    g.drawString("Upcast", 120, 97);

    badge(g, live);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 68));
    FontMetrics fm = g.getFontMetrics();
    List<String> lines = wrap(title, fm, W - 144, MAX_TITLE_LINES);
    int y = 200 + fm.getAscent();
    for (String line : lines) {
      g.drawString(line, 72, y);
      y += fm.getHeight();
    }

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
    g.setColor(MUTED);
    g.drawString(ellipsize("@" + handle, g.getFontMetrics(), W - 144), 72, H - 60);
  }

  private static void badge(Graphics2D g, boolean live) {
    String text = live ? "LIVE" : "ENDED";
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
    FontMetrics fm = g.getFontMetrics();
    int bw = fm.stringWidth(text) + 48;
    int bx = W - 72 - bw;
    RoundRectangle2D box = new RoundRectangle2D.Double(bx, 56, bw, 56, 14, 14);
    if (live) {
      g.setColor(LIVE);
      g.fill(box);
    } else {
      g.setColor(new Color(0, 0, 0, 140));
      g.fill(box);
      g.setColor(MUTED);
      g.setStroke(new BasicStroke(2));
      g.draw(box);
    }
    g.setColor(Color.WHITE);
    g.drawString(text, bx + 24, 56 + (56 + fm.getAscent() - fm.getDescent()) / 2);
  }

  /** Greedy word wrap into at most {@code maxLines}; the last line ends in "…" if cut. */
  static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
    List<String> lines = new ArrayList<>();
    String line = "";
    for (String word : text.strip().split("\\s+")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (fm.stringWidth(candidate) <= width) {
        line = candidate;
      } else {
        if (!line.isEmpty()) {
          lines.add(line);
        }
        line = ellipsize(word, fm, width); // a word wider than the card is cut
      }
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    kept.set(maxLines - 1, ellipsize(kept.get(maxLines - 1) + " …", fm, width));
    return kept;
  }

  /** {@code s}, shortened with "…" until it fits {@code width}. */
  static String ellipsize(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    int end = s.length();
    while (end > 0 && fm.stringWidth(s.substring(0, end) + "…") > width) {
      end = s.offsetByCodePoints(end, -1);
    }
    return s.substring(0, end).stripTrailing() + "…";
  }
}
