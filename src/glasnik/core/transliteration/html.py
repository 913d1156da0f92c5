"""Transliterating an HTML page or fragment.

Converted: text between tags, and the values of `alt`, `title`, `placeholder`, `aria-label`
and `aria-description`, and the `content` of `<meta name="description">` and of the Open Graph
title and description. Everything else is copied as it is: tags, other attributes (so links and
URLs), comments, doctype, entities (`&amp;`, `&#1078;`).

Left alone together with everything inside them:
- `<script>`, `<style>`, `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<var>` and `<textarea>`;
- an element with `translate="no"` or the class `notranslit`;
- an element whose `lang` is a language not converted to the target script (see
  `languages.converts`): to Cyrillic, anything but Serbian, Bosnian or Montenegrin (`en`, `sl`,
  `hr` …); to Latin, languages written only in Cyrillic (`mk`, `ru` …); and in either direction
  a tag naming the other script: `lang="sr-Latn"` when converting to Cyrillic, `lang="sr-Cyrl"`
  when converting to Latin. So `<a lang="sr-Latn">Srpski (latinica)</a>` in the language switcher
  survives a page converted to Cyrillic, and `<p lang="sl">` on a Cyrillic page. This holds for
  `<html>` too: give the page the `lang` of its interface.

An element marked with a language written in both scripts and no script (`lang="sr"`) gets the
script it is converted to (`lang="sr-Cyrl"`), so a screen reader knows what it reads.
"""

import re

from .alphabet import to_latin
from .languages import BOTH_SCRIPTS, converts
from .text import to_cyrillic

_LEFT_ALONE = frozenset(["code", "pre", "kbd", "samp", "var", "textarea", "script", "style"])
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
_ATTRIBUTES_TO_LOOK_AT = (
    r"(?:alt|title|placeholder|aria-label|aria-description|lang|translate)\s*="
    r"|class\s*=\s*[\"']?[^\"'>]*notranslit"
)
_COMBINING_MARKS = "\u0300-\u036f"
_SOURCE_LETTERS = {"cyrl": "A-Za-z\u00c0-\u024f", "latn": "\u0400-\u045f"}


def _quiet_tag(excluded: str = "") -> str:
    """A start or end tag with nothing to look at: not left alone, no readable attribute, no
    lang/translate/notranslit, and none of the `excluded` characters."""
    return rf"""<(?!(?:{"|".join(sorted(_LEFT_ALONE))}|meta)\b)[a-z/]
              (?:[^>"'\s{excluded}]++|\s++(?!{_ATTRIBUTES_TO_LOOK_AT})
                |"[^"{excluded}]*+"|'[^'{excluded}]*+')*+>"""


def _scanner(script: str) -> re.Pattern:
    """One step over the document: a run of markup and text that needs nothing (`plain`), text
    with letters of the other script, a tag to look at, or a stray "<".

    To Latin, `text` runs on over tags without Cyrillic or combining marks: `to_latin` changes
    only those characters, so one call can cover many text nodes and the tags between them.
    """
    text = r"[^<]++"
    if script == "latn":
        text = rf"(?:[^<]++|{_quiet_tag(_SOURCE_LETTERS['latn'] + _COMBINING_MARKS)})++"
    return re.compile(
        rf"""
          (?P<plain>(?:
              <!--.*?-->
            | <script\b[^>]*+>.*?</script\s*+>
            | <style\b[^>]*+>.*?</style\s*+>
            | <[!?][^>]*+>
            | {_quiet_tag()}
            | (?:[^<&{_SOURCE_LETTERS[script]}]++
               |&(?:\#\d++|\#x[0-9a-f]++|[a-z][a-z0-9]*+);)++(?=<|\Z)
          )++)
        | (?P<text>{text})
        | (?P<tag></?(?P<name>[a-z][\w:-]*+)(?:[^>"']++|"[^"]*+"|'[^']*+')*+>)
        | <
        """,
        re.VERBOSE | re.DOTALL | re.IGNORECASE,
    )


_SCANNERS = {script: _scanner(script) for script in _SOURCE_LETTERS}
_HAS_CYRILLIC = re.compile(f"[{_SOURCE_LETTERS['latn']}]")
# lang="sr", quoted as templates write it (a literal first: the search for it is fast).
_BARE_LANG_IN_A_TAG = re.compile(r""" lang="({})(?=")""".format("|".join(BOTH_SCRIPTS)))


def _with_latin_script(match: re.Match) -> str:
    """lang="sr" → lang="sr-Latn", except on <html>, whose lang is the interface's."""
    if match.string.endswith("<html", 0, match.start()):
        return match[0]
    return f"{match[0]}-Latn"


_SKIP_ATTRIBUTE = re.compile(
    r"""\s(?:lang\s*=\s*["']?(?P<lang>[\w-]*)
         |translate\s*=\s*["']?no\b
         |class\s*=\s*(?:"[^"]*|'[^']*|)\bnotranslit\b)""",
    re.VERBOSE | re.IGNORECASE,
)
_READABLE_ATTRIBUTE = re.compile(
    r"""(?P<before>\s(?:alt|title|placeholder|aria-label|aria-description)\s*=\s*)
        (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""",
    re.VERBOSE | re.IGNORECASE,
)
_META_TEXT = re.compile(
    r"""\s(?:name|property)\s*=\s*["']?(?:description|og:title|og:description)\b""",
    re.IGNORECASE,
)
_META_CONTENT = re.compile(
    r"""(?P<before>\scontent\s*=\s*)(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""",
    re.IGNORECASE,
)
_OTHER_SCRIPT = {"cyrl": "latn", "latn": "cyrl"}
_LANG_WITHOUT_SCRIPT = re.compile(
    r"""(?P<before>\slang\s*=\s*["']?)(?P<lang>{})(?=["'\s/>])""".format("|".join(BOTH_SCRIPTS)),
    re.IGNORECASE,
)


def transliterate_html(html: str, target: str) -> str:
    """Convert the human-readable parts of `html` to `target` ("cyrl" or "latn")."""
    script = target.lower()
    if script not in _OTHER_SCRIPT:
        raise ValueError(f"Unknown script {target!r}: use 'cyrl' or 'latn'.")
    if script == "latn" and not _HAS_CYRILLIC.search(html):
        # Nothing to convert (most pages in a Latin-script language); the parts marked as
        # Serbian, Bosnian or Montenegrin are in Latin, and say so as a converted page would.
        if ' lang="' not in html:
            return html
        return _BARE_LANG_IN_A_TAG.sub(_with_latin_script, html)
    convert = to_cyrillic if script == "cyrl" else to_latin
    scan = _SCANNERS[script].match
    out: list[str] = []
    position, length = 0, len(html)
    while position < length:
        match = scan(html, position)
        position = match.end()
        if match["plain"] is not None:
            out.append(match[0])
        elif match["text"] is not None:
            out.append(convert(match[0]))
        elif match["name"] is None or match[0][1] == "/":
            out.append(match[0])
        else:
            name, tag = match["name"].lower(), match[0]
            if _left_alone(name, tag, script):
                if name not in _VOID and not tag.endswith("/>"):
                    position = _element_end(html, name, position)
                out.append(html[match.start() : position])
            else:
                out.append(_convert_attributes(name, tag, convert, script))
    return "".join(out)


def _element_end(html: str, name: str, position: int) -> int:
    """Where the element opened just before `position` ends (after its closing tag)."""
    depth = 1
    same_name = re.compile(rf"<(/?){re.escape(name)}\b[^>]*+>", re.IGNORECASE)
    for match in same_name.finditer(html, position):
        depth += -1 if match[1] else (0 if match[0].endswith("/>") else 1)
        if depth == 0:
            return match.end()
    return len(html)


def _left_alone(name: str, tag: str, script: str) -> bool:
    if name in _LEFT_ALONE:
        return True
    if "=" not in tag:
        return False
    for match in _SKIP_ATTRIBUTE.finditer(tag):
        lang = match["lang"]
        if lang is None or not converts(lang, script):
            return True
    return False


def _convert_attributes(name: str, tag: str, convert, script: str) -> str:
    if "=" not in tag:
        return tag
    tag = _READABLE_ATTRIBUTE.sub(lambda match: _quoted_value(match, convert), tag)
    if name == "meta" and _META_TEXT.search(tag):
        tag = _META_CONTENT.sub(lambda match: _quoted_value(match, convert), tag)
    if name != "html" and "lang" in tag:
        tag = _LANG_WITHOUT_SCRIPT.sub(rf"\g<before>\g<lang>-{script.capitalize()}", tag)
    return tag


def _quoted_value(match: re.Match, convert) -> str:
    if match["double"] is not None:
        return f'{match["before"]}"{convert(match["double"])}"'
    return f"{match['before']}'{convert(match['single'])}'"
