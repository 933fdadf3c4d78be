"""Han script to Latin as companies and people write it.

Traditional characters become simplified (OpenCC t2s), generic words become their English
form (技术 → technologies) so that they weigh as little as "Technologies" does, and each
remaining run of characters becomes one token of joined pinyin syllables, as companies write
their names (华为 → huawei, 小米 → xiaomi). A person's name of three or four characters that
starts with a common surname is split into surname and given name (张小明 → zhang xiaoming).
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc
from pypinyin import Style, lazy_pinyin
from rigour.text.translit import ascii_text

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Generic words of Chinese company names and the English that companies use for them.
HAN_GENERIC_WORDS: dict[str, str] = {
    "技术": "technologies",
    "科技": "technologies",
    "集团": "group",
    "控股": "holdings",
    "国际": "international",
    "电子": "electronics",
    "通信": "communications",
    "贸易": "trading",
    "工业": "industries",
    "实业": "industries",
    "投资": "investment",
    "发展": "development",
    "中国": "china",
    "终端": "device",
    "软件": "software",
}
_GENERIC_RE = re.compile("|".join(sorted(HAN_GENERIC_WORDS, key=len, reverse=True)))

# The most common surnames (single and compound), enough to split a three-character name.
COMMON_SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
) | frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐"})

_T2S = opencc.OpenCC("t2s")


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def to_simplified(text: str) -> str:
    return str(_T2S.convert(text))


@lru_cache(maxsize=65536)
def pinyin(run: str) -> str:
    """Joined toneless pinyin of a run of Han characters (吕 → lu, not lü)."""
    syllables = lazy_pinyin(run, style=Style.NORMAL, v_to_u=True)
    return ascii_text("".join(syllables)).lower()


def split_person_run(run: str) -> list[str]:
    """Surname and given name of a Han personal name, or the run unsplit."""
    if len(run) in (3, 4) and run[:2] in COMMON_SURNAMES:
        return [run[:2], run[2:]]
    if len(run) in (3, 4) and run[0] in COMMON_SURNAMES:
        return [run[0], run[1:]]
    return [run]


def has_han_generic_word(text: str) -> bool:
    return _GENERIC_RE.search(text) is not None


def romanise_han(text: str, person: bool) -> tuple[str, list[tuple[str, str]]]:
    """Replace each Han run by its romanisation; returns the text and the (han, latin) pairs."""
    pairs: list[tuple[str, str]] = []

    def generic(match: re.Match[str]) -> str:
        return f" {HAN_GENERIC_WORDS[match.group(0)]} "

    def romanise(match: re.Match[str]) -> str:
        run = match.group(0)
        parts = split_person_run(run) if person else [run]
        latin = " ".join(pinyin(part) for part in parts)
        pairs.append((run, latin))
        return f" {latin} "

    if not person:
        text = _GENERIC_RE.sub(generic, text)
    return HAN_RE.sub(romanise, text), pairs
