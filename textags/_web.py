"""Web-page furniture: the lines a saved government web page wraps around a report.

Local reports are mostly saved from web pages, and the page comes with them:
navigation and breadcrumb lines (``当前位置：首页 > 政务公开``), the metadata
table of a government information-disclosure page (``索引号 | 发布机构 |
成文日期``), datelines and view counters (``发布时间：… 阅读次数：``), page
tools (``字号 大 中 小``, ``打印 关闭 分享``) and a forum's user panel.  These
functions say which lines are such furniture; :func:`textags._clean.clean`
keeps them as furniture units (nothing is dropped).

The rules are bounded to where furniture lives: a line is judged only when it
is short and has no sentence end, and the rules that name metadata keys or
dates apply only in the page's header (before the report's first sentence)
or footer (after its last).  A line made only of page-tool words is
furniture anywhere.

Examples
--------
>>> [web_kind(s, True) for s in ("当前位置：首页 > 政务公开", "索引号 | K16059504/2024-117342 | ||", "字号：大 中 小")]
['nav', 'meta', 'nav']
>>> web_kind("发布时间：2023-01-17 阅读次数：", False), web_kind("来源于群众的意见得到了答复", True)
('', '')
"""

from __future__ import annotations

import re
from collections import Counter

#: The longest line (characters) the furniture rules judge.
MAX_WEB_LINE = 160


def _spaced(word: str) -> str:
    """A pattern for ``word`` that also matches it letter-spaced (``索 引 号``)."""
    return r"\s?".join(re.escape(ch) for ch in word)


#: Keys of a disclosure page's metadata table, datelines and counters.
META_KEYS = (
    "信息索引号 索引号 信息索取号 发文字号 文号 文件编号 统一编号 登记号 发布机构 发文机关 发文机构 发布单位 "
    "发布部门 发布者 成文日期 成文时间 生成日期 公开日期 公布日期 发布日期 发布时间 发文日期 发文时间 发表时间 "
    "信息时间 更新时间 信息提供日期 主题分类 组配分类 体裁分类 信息分类 公开分类 公开类别 公文目录 公开方式 "
    "公开范围 公开时限 公开形式 公开程序 有效期 有效性 效力状况 废止日期 主题词 关键词 内容概述 信息来源 "
    "所属地区 附件下载 文件下载 浏览次数 阅读次数 访问量 访问次数 浏览量 点击数 点击量 阅读量 字体大小 "
    "责任编辑 發布時間 信息來源"
).split()
#: Short keys that count only with a colon after them.
META_COLON_KEYS = "日期 时间 来源 作者 编辑 名称 标题 分类 主题 体裁 字号 字体 记者 制作 初审 复审 终审".split()

_KEYS = "|".join(_spaced(k) for k in sorted(META_KEYS, key=len, reverse=True))
_COLON_KEYS = "|".join(_spaced(k) for k in META_COLON_KEYS)

#: Patterns of the metadata lines, datelines and counters of a page header or footer.
META_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^[\s•·|【\[]*({_KEYS})\s*([:：|】\]]|\s|$)"),  # 索引号 …  发布机构：…
    re.compile(rf"({_KEYS}|{_COLON_KEYS})\s*[:：]"),  # … 来源：区政府办  阅读次数：
    re.compile(r"本文已被浏览过|^查看\s*[:：]\s*\d+\s*\|\s*回复|(字体|字号)\s*[(（\[【]|^主题\s*[(（][一二三]级"),
)

#: Patterns of navigation lines: breadcrumbs, site and forum chrome.
NAV_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(当前位置|当前的位置|所在位置|所在的位置|现在的位置|您的位置|正在浏览)\s*[:：]?"),
    re.compile(r"首页\s*(>|>>|》|/|›|\|)|^\s*(>|>>)\s*\S|\S\s*>\s*\S[^>]*>\s*\S"),
    re.compile(
        r"^[•·\s]*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日)(\s+\d{1,2}:\d{2}(:\d{2})?)?"
        r"(\s*星期.)?(\s*出版)?(\s*(上一期|下一期))*$"
    ),
    re.compile(r"\S\s+/\s+\S[^/]*\s/\s+\S[^/]*\s/\s+\S"),  # 首页 / 信息公开 / 重点工作
    re.compile(
        r"^\S{0,24}信息公开(\s+规章库)?$|^今天是|^温度\s*[:：]|欢迎您|^公文搜\s+\d{4}-|^所属地区|^(維基文庫|维基文库)[,，]自由的(圖書館|图书馆)$"
    ),
    re.compile(r"^[0-9A-Za-z]{6,}[-/][0-9A-Za-z/-]{4,}$"),  # an index number on its own
    re.compile(r"TA的每日心情|签到天数|^\[LV\.\d+\]|^Rank\s*:|^\[复制链接\]$|^发表于\s+\d|^本帖最后由"),
    re.compile(r"^\d+(\.\d+)?\s*(KB|MB)$|^\d+\+$|^\d+\s*页$"),  # a document site's file details
)

#: Words of page tools, site menus and share buttons: a line made only of
#: these (and separators) is furniture wherever it stands.
CHROME_WORDS = (
    "正文区域内容请使用tab按钮切换浏览 扫一扫在手机打开当前页 无障碍辅助浏览工具条 打开网易新闻 查看更多图片 "
    "设为首页 收藏本站 加入收藏 返回首页 回到首页 网站首页 返回顶部 打印本页 打印页面 打印整页 打印内容 关闭窗口 "
    "关闭页面 关闭本页 分享到 分享至 字体大小 视力保护色 无障碍阅读 无障碍浏览 无障碍系统 网站无障碍 关怀版 "
    "长者模式 长者助手 适老版 进入老年模式 选择语言 导航菜单 标题导航 网站支持IPv6 官网原文 导出笔记 我的收藏 "
    "复制链接 显示全部楼层 阅读模式 上一篇 下一篇 上一版 下一版 上一期 下一期 听全文 会员登录 新用户注册 用户登录 "
    "规章库 热门推荐 政务动态 侵权投诉 VIP专免 国务院客户端 政务APP 政务微博 政务微信 热点新闻 点播栏目 繁体字 无障碍 首页 打印 关闭 "
    "收藏 分享 字号 字体 放大 缩小 默认 正常 朗读 回到 顶部 登录 注册 退出 微信 微博 热门 海报 img"
).split()
_CHROME_TOKEN = re.compile("|".join(re.escape(w) for w in sorted(CHROME_WORDS, key=len, reverse=True)))
_CHROME_REST = re.compile(r"^[\s\d【】\[\]()（）:：|•·/\-—_大中小T]*$")

_TERMINAL = re.compile("[。！？!?]")
#: Watermarks a copying site appends to the lines it serves (``IsG乡村百科--为乡村振兴助力``):
#: split off as furniture wherever they stand, since they end the line they are glued to.
WATERMARKS: tuple[re.Pattern[str], ...] = (re.compile(r"[A-Za-z0-9]{0,4}乡村百科--为乡村振兴助力$"),)


#: A short Latin token of mixed case (``jZD`` ``heK`` ``Jzp``): what a mirror site may put where a line broke.
BREAK_TOKEN = re.compile(r"[A-Za-z]{3}(?![A-Za-z0-9])(?<![A-Za-z0-9][A-Za-z]{3})(?<![A-Z]{3})(?<![a-z]{3})")
#: A token stands for a line break when it occurs this often, at least once before whitespace or a line end.
BREAK_TOKEN_MIN = 3


def _at_line_edge(text: str, start: int, end: int) -> bool:
    """Whether only spaces part ``text[start:end]`` from a line's start or end."""
    while start > 0 and text[start - 1] in " \t\u3000":
        start -= 1
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] == "\n"


def break_tokens(text: str, pattern=BREAK_TOKEN, min_count: int = BREAK_TOKEN_MIN) -> tuple[str, list]:
    r"""Line breaks where a mirror site put a token of its own in their place.

    (A token at a line's start or end is only taken out: the line breaks there already.)

    A token the ``pattern`` matches is taken for a line break when it recurs
    (``min_count`` times) and stands at least once before whitespace or a line
    end, as a break does; a token glued to the text after it every time (a
    watermark's prefix, ``pCP乡村百科…``) is left to the watermark rule.
    Returns the text and the removals ``(offset, token, "markup")``, offsets
    into the returned text.

    >>> break_tokens("一、工作回顾jZD 2018年是攻坚之年。jZD 减贫成效显著。jZD")[0]
    '一、工作回顾\n 2018年是攻坚之年。\n 减贫成效显著。'
    >>> break_tokens("下载政务App，使用政务App办事。")[0]
    '下载政务App，使用政务App办事。'
    """
    found = list(pattern.finditer(text)) if pattern else []
    if len(found) < min_count:
        return text, []
    counts = Counter(m.group() for m in found)
    spaced = {m.group() for m in found if m.end() == len(text) or text[m.end()].isspace()}
    tokens = {t for t, n in counts.items() if n >= min_count and t in spaced}
    if not tokens:
        return text, []
    out: list[str] = []
    removed: list[tuple[int, str, str]] = []
    last = pos = 0
    for m in found:
        if m.group() not in tokens:
            continue
        out.append(text[last : m.start()])
        pos += m.start() - last
        removed.append((pos, m.group(), "markup"))
        if not _at_line_edge(text, m.start(), m.end()):  # (at a line's edge the line already breaks)
            out.append("\n")
            pos += 1
        last = m.end()
    out.append(text[last:])
    return "".join(out), removed


#: The longest watermark: only a line's last characters are searched for one.
MAX_WATERMARK = 40


def watermark_at(line: str, patterns=WATERMARKS) -> int:
    """Where a site watermark that ends ``line`` starts, or -1.

    >>> t = "一、2020年工作总结IsG乡村百科--为乡村振兴助力"
    >>> t[: watermark_at(t)], watermark_at("中心商圈更具规模。")
    ('一、2020年工作总结', -1)
    """
    tail = len(line) - min(len(line), MAX_WATERMARK)
    for p in patterns:
        m = p.search(line, tail)
        if m:
            return m.start()
    return -1


_WELCOME = re.compile(r"欢迎(您|你)[!！]")  # a site's greeting: its "!" ends no sentence
#: An image left by a page: markdown image markup or a picture's file name.
IMAGE = re.compile(r"^(!\[[^\]]*\](\([^)\s]*\))?|\S{0,80}\.(jpg|jpeg|png|gif|webp))$", re.IGNORECASE)


def is_chrome(line: str) -> bool:
    """Whether ``line`` is made only of page-tool words (and separators).

    >>> is_chrome("【打印】 【字体：大 中 小】"), is_chrome("打印整页 打印内容 分享"), is_chrome("关闭燃煤小锅炉")
    (True, True, False)
    """
    s = line.strip()
    if not s or len(s) > 60:
        return False
    words = _CHROME_TOKEN.findall(s)
    return bool(words) and max(map(len, words)) >= 2 and bool(_CHROME_REST.match(_CHROME_TOKEN.sub("", s)))


def web_kind(line: str, edge: bool, meta=META_PATTERNS, nav=NAV_PATTERNS) -> str:
    """``'meta'`` for a metadata or dateline line, ``'nav'`` for other page furniture, else ``''``.

    ``edge`` says the line stands in the page's header or footer; only there
    do the metadata and navigation patterns apply.  Lines that are long or
    end a sentence are never furniture, except a line of page-tool words.
    """
    s = line.strip()
    if is_chrome(s) or IMAGE.match(s):
        return "nav"
    if not edge or not s or _TERMINAL.search(_WELCOME.sub("", s)):
        return ""
    if meta and meta[0].search(s):  # a line led by a metadata key: a metadata table, however long
        return "meta"
    if len(s) > MAX_WEB_LINE:
        return ""
    if any(p.search(s) for p in meta):
        return "meta"
    if any(p.search(s) for p in nav):
        return "nav"
    return ""


#: A line of the report's own prose: long enough, with a comma or sentence end.
_PROSE = re.compile("[，,。；;！？]")


def is_prose(line: str) -> bool:
    """Whether ``line`` reads as the report's own prose (it bounds the page header and footer).

    >>> is_prose("现在，我代表区人民政府向大会报告工作，请予审议。"), is_prose("发布时间：2023-01-17 15:00")
    (True, False)
    """
    s = line.strip()
    if len(s) < 20 or not _PROSE.search(s):
        return False
    return bool(_TERMINAL.search(s)) or not web_kind(s, True)  # a sentence end: never page furniture


#: Forum chrome: a user panel runs from its first line to the post's dateline.
FORUM_START = re.compile(r"TA的每日心情")
FORUM_END = re.compile(r"^(发表于\s+\d|本帖最后由)")


def forum_panel(texts: list[str], stop: int) -> set[int]:
    """Indices of the lines of a forum user panel among ``texts[:stop]``.

    The panel runs from a ``TA的每日心情`` line to the post's ``发表于`` line
    (and a ``本帖最后由 … 编辑`` line right after it), at most 40 lines.

    >>> sorted(forum_panel(["[四川] 报告", "• TA的每日心情", "奋斗", "2万", "发表于 2023-8-22 | 阅读模式", "2023年报告"], 6))
    [1, 2, 3, 4]
    """
    out: set[int] = set()
    i = 0
    while i < stop:
        if FORUM_START.search(texts[i]):
            end = next((j for j in range(i + 1, min(stop, i + 40)) if FORUM_END.match(texts[j].strip())), None)
            if end is None:
                i += 1
                continue
            while end + 1 < stop and (not texts[end + 1].strip() or FORUM_END.match(texts[end + 1].strip())):
                end += 1
            out.update(range(i, end + 1))
            i = end + 1
            continue
        i += 1
    return out
