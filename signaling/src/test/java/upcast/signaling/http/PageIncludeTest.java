package upcast.signaling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The include markers of the web client's pages, expanded by {@link StaticPages}. */
class PageIncludeTest {
  private static final Function<String, String> PARTIALS =
      Map.of("top.html", "<title>{{title}}</title>\n<script src=\"{{script}}\"></script>\n")::get;

  @Test
  void aMarkerBecomesItsPartialFilledWithItsValues() {
    String page = "<!--#include top.html title=\"A &amp; B\" script=\"/a.js\" -->\n<main></main>\n";
    assertEquals(
        "<title>A &amp; B</title>\n<script src=\"/a.js\"></script>\n<main></main>\n",
        StaticPages.expand("a.html", page, PARTIALS));
  }

  @Test
  void aPageWithoutMarkerIsUnchanged() {
    String page = "<!doctype html>\n<!-- a comment -->\n<p>$1 \\ {{not a slot}}</p>\n";
    assertEquals(page, StaticPages.expand("a.html", page, PARTIALS));
  }

  @Test
  void aValueMayHoldWhatRegexReplacementsWouldInterpret() {
    String page = "<!--#include top.html title=\"$1 \\\\ costs\" script=\"/a.js\" -->\n";
    assertTrue(
        StaticPages.expand("a.html", page, PARTIALS).startsWith("<title>$1 \\\\ costs</title>"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<!--#include missing.html title=\"T\" script=\"/a.js\" -->\n",
        "<!--#include top.html title=\"T\" -->\n",
        "<!--#include top.html title=\"T\" script=\"/a.js\" extra=\"x\" -->\n",
        "<!--#include top.html title='T' script='/a.js' -->\n",
        "<!--#include ../top.html title=\"T\" script=\"/a.js\" -->\n"
      })
  void aBrokenMarkerStopsTheStart(String page) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> StaticPages.expand("a.html", page, PARTIALS));
    assertTrue(String.valueOf(e.getMessage()).startsWith("a.html "), e.getMessage());
  }

  @Test
  void everyPageOfTheWebClientExpands() {
    for (String file : StaticPages.ROUTE_PAGES) {
      String html = StaticPages.page(file);
      assertTrue(html.startsWith("<!doctype html>\n"), file);
      assertEquals(1, html.split("<title>", -1).length - 1, file);
      assertEquals(1, html.split("</head>", -1).length - 1, file);
      assertTrue(!html.contains("{{") && !html.contains("<!--#"), file);
    }
  }
}
