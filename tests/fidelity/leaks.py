"""Find text in the other language in an explanation: Chinese in English output, English in Chinese output.

Left alone: verbatim quotes (「」“”《》 and "…"), 文号 and clause numbers, fact brackets ``[path = value]``
(case data), a Chinese gloss in parentheses after its translation (``Revenue distribution (收益分配)``),
field and enum identifiers, and the function names of a formula (max, min, ceil, Σ).
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")
KEEP = re.compile(r"「[^」]*」|“[^”]*”|《[^》]*》|\"[^\"]*\"|'[\u3400-\u9fff，、]+'|\[(?:[^\[\]]|\[[^\[\]]*\])*\]|[（(][\u3400-\u9fff、·]+[)）]")
DOCNO = re.compile(
    r"[\u4e00-\u9fff]*\s*(?:〔\s*\d{4}\s*〕|\[\d{4}\])\s*\d+\s*号"
    r"|(?:[\u4e00-\u9fff]+\s)*[\u4e00-\u9fff]*公告\s*(?:\d{4}\s*年)?第\s*[\d〇一二三四五六七八九十百零]+\s*号"
    r"|\d{4}年第\d+号公告|(?<![\d])\d+\s*号|国令第\s*\d+\s*号|国务院令第\s*\d+\s*号"
    r"|第[一二三四五六七八九十百零\d]+条(?:第[一二三四五六七八九十\d]+款)?(?:第[（(][一二三四五六七八九十\d]+[)）]项)?"
    r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]+(?:[（(][一二三四五六七八九十\d]+[)）])*\d*(?=\s|$|[ ¶),.;:])")
WORD = re.compile(r"(?<![A-Za-z0-9_.\-])[A-Za-z]{2,}(?![A-Za-z0-9_.\-(])")
ACRONYMS = {"CCER", "PCT", "REITs", "GDP", "AEO"}  # written so in the Chinese documents themselves
MATH = {"max", "min", "ceil", "floor", "round", "count", "sum", "rank", "Σ"}


def leaks(text: str, lang: str) -> list[str]:
    """The pieces of ``text`` in the other language (empty when there are none)."""
    rest = DOCNO.sub(" ", KEEP.sub(" ", text))
    if lang == "en":
        return re.findall(r"[\u3400-\u9fff][\u3400-\u9fff\d，、：]*", rest)
    return [w for w in WORD.findall(rest) if w not in MATH and w not in ACRONYMS]
