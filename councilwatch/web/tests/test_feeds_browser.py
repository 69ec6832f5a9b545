"""The Atom feeds read as a feed reader reads them, in Debian's chromium: hostile scraped names stay text.

The feed is parsed by the browser's own XML parser; every text construct is rendered by its ``type`` as the
Atom spec says (``html`` as markup, ``text`` as text), with the Content Security Policy out of the way, so only
escaping can keep a payload from running.
"""

import pytest
from defusedxml import ElementTree

from councilwatch.core.testing import chromium
from councilwatch.web.formatting import committee_slug

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ATOM = "{http://www.w3.org/2005/Atom}"
# The hostile names the page tests use (test_browser.py, test_feeds_security.py) and the one from the report.
COMMITTEE = "Scrutiny <img src=x onerror=alert(11)>"
COUNCIL = "Kent<script>alert('council')</script>"
TITLE = "<script>alert('title')</script>"
HEADLINE = "Cabinet<script>alert('committee')</script> agreed <img src=x onerror=\"alert('item')\">Apologies & more."
TOPIC = "Evil <b onmouseover=alert(1)>bold</b>"

READER = """(xml) => {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length) throw new Error("not XML: " + xml.slice(0, 200));
  const reader = document.getElementById("reader");
  for (const el of doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "*")) {
    const box = document.createElement("div");
    box.className = el.localName;
    if (["title", "subtitle", "summary", "content", "rights"].includes(el.localName)) {
      const type = el.getAttribute("type") || "text";
      if (type === "html") box.innerHTML = el.textContent;
      else if (type === "xhtml") box.innerHTML = el.innerHTML;
      else box.textContent = el.textContent;
    } else if (el.localName === "link") {
      const a = document.createElement("a");
      a.href = el.getAttribute("href");
      a.textContent = el.getAttribute("href");
      box.appendChild(a);
    } else if (["name", "email", "uri", "id", "updated", "published"].includes(el.localName)) {
      box.textContent = el.textContent;
    } else if (el.localName === "category") {
      box.textContent = el.getAttribute("term");
    } else {
      continue;
    }
    reader.appendChild(box);
  }
  return reader.innerText;
}"""


@pytest.fixture
def hostile(kent):
    cabinet = kent["cabinet"]
    council, committee = cabinet.council, cabinet.committee
    council.name = COUNCIL
    council.save()
    committee.name = COMMITTEE
    committee.save()
    cabinet.title = TITLE
    cabinet.save()
    summary = cabinet.summaries.get()
    summary.headline = HEADLINE
    summary.save()
    topic = summary.topics.get(slug="budget")
    topic.name = TOPIC
    topic.save()
    return cabinet


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _read(browser, markup_or_xml: str, *, feed: bool = True) -> tuple[str, list[str], int]:
    """Render in a fresh page without CSP; return the visible text, the dialogs opened and live markup found."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content('<!doctype html><html><body><main id="reader"></main></body></html>')
    if feed:
        text = page.evaluate(READER, markup_or_xml)
    else:
        page.evaluate("html => { document.getElementById('reader').innerHTML = html; }", markup_or_xml)
        text = page.inner_text("#reader")
    page.wait_for_timeout(300)  # an <img src=x onerror=…> fires once its load has failed
    live = page.locator("#reader script, #reader img, #reader [onmouseover], #reader [onerror]").count()
    context.close()
    return text, dialogs, live


def test_the_harness_catches_a_payload(browser):
    _text, dialogs, live = _read(browser, f"<p>{HEADLINE}</p>", feed=False)
    assert dialogs == ["item"] and live >= 1


def test_every_feed_field_is_text_in_a_reader(client, browser, hostile):
    urls = [
        "/councils/KEN/feed.atom",
        f"/councils/KEN/committees/{committee_slug(hostile.committee)}/feed.atom",
        "/topics/budget/feed.atom",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        xml = response.content.decode()
        text, dialogs, live = _read(browser, xml)
        assert dialogs == [], f"{url}: a payload ran: {dialogs}"
        assert live == 0, f"{url}: scraped markup became elements"
        assert HEADLINE in text, url
        assert f"{COUNCIL}: {COMMITTEE}" in text, url
        assert "javascript:" not in xml

        root = ElementTree.fromstring(response.content)
        [entry] = root.findall(f"{ATOM}entry")
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        assert summary.text == (
            "Cabinet&lt;script&gt;alert(&#x27;committee&#x27;)&lt;/script&gt; agreed &lt;img src=x "
            "onerror=&quot;alert(&#x27;item&#x27;)&quot;&gt;Apologies &amp; more."
        )
        assert entry.find(f"{ATOM}title").get("type") in (None, "text")
        assert entry.find(f"{ATOM}title").text.startswith(f"{COUNCIL}: {COMMITTEE}")
    topic_text, _, _ = _read(browser, client.get("/topics/budget/feed.atom").content.decode())
    assert f"{TOPIC}: council meeting summaries" in topic_text
