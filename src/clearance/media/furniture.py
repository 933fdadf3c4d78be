"""Site furniture: lines of a scraped page that belong to the site, not to the article.

trafilatura removes most of it from HTML; these filters catch what survives, and what a page
saved as plain text still carries ("Connect with us", "Source link", "Leave a Reply", author
blurbs). Each filter is registered by name so that a new site's habit is one new entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LineFilter = Callable[[str], bool]

# Whole lines that are navigation or social widgets, in the languages we read.
_WIDGET_LINES = re.compile(
    r"^(connect with us|follow us( on .*)?|share( this( article)?)?( on .*)?|source link|"
    r"related (articles|posts|stories)|leave a (reply|comment)|back to top( button)?|"
    r"read more|advertisement|sponsored|subscribe( now)?|sign up.*newsletter.*|"
    r"you may also like|popular posts|trending( now)?|comments?|skip to (main )?content|"
    r"分享到.*|相关(阅读|文章|新闻)|责任编辑[:：].*|返回顶部|发表评论|点击(查看|阅读).*)$",
    re.IGNORECASE,
)
# The comment form's boilerplate.
_COMMENT_FORM = re.compile(
    r"(your email address will not be published|required fields are marked|"
    r"save my name, email|this site uses akismet)",
    re.IGNORECASE,
)
# Author blurbs: the one paragraph about the writer, not about the story.
_AUTHOR_BLURB = re.compile(
    r"(\bmore from [A-Z][\w.]+( [A-Z][\w.]+)*\s*$|^about the author\b|"
    r"\bblogs here\b|\ball inquiries to me\b|\btech enthusiast\b.*\b(he|she) (keeps|loves)\b|"
    r"^(written|posted) by\b|^作者[:：])",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(©|copyright\b|all rights reserved|版权所有)", re.IGNORECASE)


def _is_widget(line: str) -> bool:
    return bool(_WIDGET_LINES.match(line.strip().rstrip(":：").strip()))


def _is_comment_form(line: str) -> bool:
    return bool(_COMMENT_FORM.search(line))


def _is_author_blurb(line: str) -> bool:
    return bool(_AUTHOR_BLURB.search(line.strip()))


def _is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.match(line.strip()))


FILTERS: dict[str, LineFilter] = {
    "widget": _is_widget,
    "comment_form": _is_comment_form,
    "author_blurb": _is_author_blurb,
    "copyright": _is_copyright,
}


def furniture_reason(line: str) -> str | None:
    """The name of the filter that recognises `line` as site furniture, or None."""
    for name, is_furniture in FILTERS.items():
        if is_furniture(line):
            return name
    return None


def strip_furniture(text: str) -> str:
    """The text without furniture lines; paragraphs are kept, runs of blank lines collapsed."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.strip() and furniture_reason(line) is not None:
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()
