"""Deterministic article generation for the demo: templates + word lists + a seeded RNG.

Nothing here does I/O. :class:`Writer` turns a topic, a place and a date into an
:class:`Article` (title, lead, body blocks, byline); :mod:`tuinews.demo.pages` and
:mod:`tuinews.demo.feeds` render articles as HTML pages and feed entries.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

from tuinews.demo import words_en as en
from tuinews.demo import words_vi as vi

VN_TZ: Final = timezone(timedelta(hours=7))
"""Vietnam's zone (UTC+7, no daylight saving)."""

_SLOT: Final = re.compile(r"\{(\w+)\}")
_DOUBLE_COMMA: Final = re.compile(r",\s*([,.])")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body.

    Attributes:
        kind: ``p``, ``h2``, ``figure``, ``ul``, ``quote``, ``byline``, or for portal pages
            ``img`` (an image in its own paragraph) and ``caption`` (a one-line caption).
        text: The text of the block (caption for ``figure``).
        items: List items for ``ul``.
        src: Image path for ``figure`` and ``img``.
    """

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    src: str = ""


@dataclass(slots=True)
class Article:
    """A generated article with everything the pages and feeds need.

    Attributes:
        id: Site-wide number, also the tail of the slug.
        lang: ``vi`` or ``en``.
        title: Headline (portal headlines carry their ``VPUB - `` prefix).
        lead: The sapo / standfirst; feeds use it as the summary.
        blocks: Body blocks, byline last.
        author: Byline name.
        published: Publication time (aware, UTC+7).
        updated: Last modification time (aware, UTC+7), never before ``published``.
        topic: Topic key of :mod:`words_vi` or :mod:`words_en`.
        section: Section name shown in breadcrumbs.
        tags: Keywords.
        image: Path of the lead image.
        image_caption: Caption of the lead image.
        place: Province or city the article is about.
        path: URL path of the article page (set by the site builder).
        feed_key: Key of the feed (or portal listing) the article belongs to.
        portal_category: Portal category slug for portal articles, else empty.
    """

    id: int
    lang: str
    title: str
    lead: str
    blocks: list[Block]
    author: str
    published: datetime
    updated: datetime
    topic: str
    section: str
    tags: tuple[str, ...]
    image: str
    image_caption: str
    place: str
    path: str = ""
    feed_key: str = ""
    portal_category: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def slugify(text: str, max_len: int = 70) -> str:
    """ASCII slug for a Vietnamese or English title: diacritics off, ``đ`` to ``d``.

    Args:
        text: Any title.
        max_len: Longest slug kept (cut at a hyphen).

    Returns:
        Lower-case ``a-z0-9`` words joined by hyphens (``bai-viet`` when nothing is left).
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "bai-viet"


def vn_int(n: int) -> str:
    """Format an integer the Vietnamese way: ``12.450``."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float) -> str:
    """Format a number with one decimal the Vietnamese way: ``12,5``."""
    return f"{x:.1f}".replace(".", ",")


NumberGen = Callable[[random.Random], str]

VI_NUMBERS: Final[dict[str, NumberGen]] = {
    "n": lambda r: str(r.randint(3, 40)),
    "few": lambda r: str(r.randint(2, 6)),
    "nn": lambda r: str(r.randint(40, 900)),
    "nnn": lambda r: vn_int(r.randrange(1200, 48000, 10)),
    "pct": lambda r: vn_dec(r.uniform(3, 38)) + "%",
    "pct_mid": lambda r: f"{r.randint(45, 85)}%",
    "pct_hi": lambda r: vn_dec(r.uniform(92, 99.8)) + "%",
    "growth": lambda r: vn_dec(r.uniform(5.2, 9.8)) + "%",
    "bn": lambda r: vn_int(r.randrange(120, 9800, 10)),
    "small_bn": lambda r: vn_dec(r.uniform(2, 25)),
    "ha": lambda r: vn_int(r.randrange(300, 25000, 50)),
    "km": lambda r: str(r.randint(8, 140)),
    "width": lambda r: r.choice(("9", "12", "17", "22,5")),
    "price": lambda r: vn_int(r.randrange(15000, 90000, 500)),
    "money": lambda r: str(r.randint(80, 600)),
}

EN_NUMBERS: Final[dict[str, NumberGen]] = {
    "n": lambda r: str(r.randint(3, 40)),
    "few": lambda r: str(r.randint(2, 6)),
    "nn": lambda r: str(r.randint(40, 900)),
    "nnn": lambda r: f"{r.randrange(1200, 48000, 10):,}",
    "pct": lambda r: f"{r.uniform(3, 38):.1f}%",
    "pct_mid": lambda r: f"{r.randint(45, 85)}%",
    "pct_hi": lambda r: f"{r.uniform(92, 99.8):.1f}%",
    "growth": lambda r: f"{r.uniform(5.2, 9.8):.1f}%",
    "usd": lambda r: str(r.randrange(20, 900, 5)),
    "usd_bn": lambda r: f"{r.uniform(1.2, 35):.1f}",
    "vnd": lambda r: f"{r.uniform(1.1, 48.6):.1f}",
    "ha": lambda r: f"{r.randrange(300, 25000, 50):,}",
    "km": lambda r: str(r.randint(8, 140)),
}

# Slots that name a person: the first use introduces them with their title.
_INTRO_SLOTS: Final = ("leader_short", "expert_short", "teacher_short", "official_short")


class Filler:
    """Fills ``{slot}`` templates from one article's context and fresh random numbers."""

    def __init__(
        self, rng: random.Random, ctx: dict[str, str], numbers: dict[str, NumberGen]
    ) -> None:
        """Create a filler.

        Args:
            rng: The generator numbers are drawn from.
            ctx: Fixed per-article values (place names, people, years, …).
            numbers: Generators for number slots, called afresh at every use.
        """
        self._rng = rng
        self._ctx = ctx
        self._numbers = numbers
        self._introduced: set[str] = set()

    def _slot(self, match: re.Match[str]) -> str:
        key = match.group(1)
        if key in _INTRO_SLOTS:
            base = key.removesuffix("_short")
            if base in self._introduced:
                return self._ctx[key]
            self._introduced.add(base)
            return f"{self._ctx[base]}, {self._ctx[base + '_title']},"
        if key in ("leader", "expert", "teacher", "official"):
            self._introduced.add(key)
        if key in self._ctx:
            return self._ctx[key]
        return self._numbers[key](self._rng)

    def __call__(self, template: str) -> str:
        """Fill one template and tidy it into a sentence.

        Args:
            template: Text with ``{slot}`` placeholders.

        Returns:
            The filled text, first letter capitalised, doubled commas removed.

        Raises:
            KeyError: A slot is neither in the context nor a number slot.
        """
        text = _SLOT.sub(self._slot, template)
        text = _DOUBLE_COMMA.sub(r"\1", text)
        return text[:1].upper() + text[1:]


def _vi_person(rng: random.Random, northwest: bool) -> tuple[str, bool]:
    """A made-up Vietnamese name; returns (full name, is_male)."""
    local = northwest and rng.random() < 0.7
    family = rng.choice(vi.FAMILIES_NW if local else vi.FAMILIES)
    male = rng.random() < 0.55
    if male and family in vi.MONG_FAMILIES:
        middle = "A"
    else:
        middle = rng.choice(vi.MALE_MIDDLE if male else vi.FEMALE_MIDDLE)
    if local:
        given = rng.choice(vi.MALE_GIVEN_NW if male else vi.FEMALE_GIVEN_NW)
    else:
        given = rng.choice(vi.MALE_GIVEN if male else vi.FEMALE_GIVEN)
    return f"{family} {middle} {given}", male


def _given(full: str) -> str:
    return full.rsplit(" ", 1)[-1]


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV")[n - 1]


def vi_context(
    rng: random.Random,
    *,
    topic: str,
    region: str,
    province: vi.Province,
    when: datetime,
) -> dict[str, str]:
    """Fixed values for one Vietnamese article.

    Args:
        rng: Random source.
        topic: Topic key in :data:`words_vi.TOPICS`.
        region: Region key in :data:`words_vi.REGIONS`.
        province: The (name, kind, communes) the article is about.
        when: Publication time; years and reporting periods follow it.

    Returns:
        The context mapping for :class:`Filler`.
    """
    name, kind, communes = province
    prov = f"{kind} {name}" if kind else name
    dept, ministry = vi.DEPTS[topic]
    if topic == "van_phong":
        dept = "Văn phòng UBND tỉnh"
    words = vi.REGION_WORDS[region]
    northwest = region == "tay_bac"
    place, place2 = rng.sample(communes, 2)
    leader, leader_male = _vi_person(rng, northwest)
    expert, expert_male = _vi_person(rng, northwest)
    teacher, teacher_male = _vi_person(rng, northwest)
    resident, resident_male = _vi_person(rng, northwest)
    year = when.year
    months_done = when.month - 1
    period = f"{months_done} tháng đầu năm {year}" if months_done >= 2 else f"năm {year - 1}"
    hon = "ông" if leader_male else "bà"
    ehon = "ông" if expert_male else "bà"
    thon = "thầy" if teacher_male else "cô"
    rhon = rng.choice(("ông", "anh")) if resident_male else rng.choice(("bà", "chị"))
    return {
        "province": name,
        "prov": prov,
        "ubnd": f"UBND {prov}",
        "place": place,
        "place2": place2,
        "dept": dept,
        "ministry": ministry,
        "leader": f"{hon} {leader}",
        "leader_title": rng.choice(vi.LEADER_TITLES).format(prov=prov),
        "leader_short": f"{hon} {_given(leader)}",
        "expert": f"{ehon} {expert}",
        "expert_title": rng.choice(vi.EXPERT_TITLES).format(dept=f"{dept} {prov}"),
        "expert_short": f"{ehon} {_given(expert)}",
        "teacher": f"{thon} {teacher}",
        "teacher_title": f"giáo viên điểm trường {place2}",
        "teacher_short": f"{thon} {_given(teacher)}",
        "resident": f"{rhon} {resident}",
        "resident_name": resident,
        "crop": rng.choice(words["crop"]),
        "road": rng.choice(words["road"]),
        "expressway": rng.choice(words["expressway"]),
        "airport": rng.choice(words["airport"]),
        "festival": rng.choice(words["festival"]),
        "people": rng.choice(words["people"]),
        "year": str(year),
        "prev_year": str(year - 1),
        "next_year": str(year + 1),
        "plan_end": str(year + 5 - year % 5),
        "month_num": str(when.month),
        "quarter": _roman((when.month - 1) // 3 + 1),
        "period": period,
    }


def en_context(rng: random.Random, *, when: datetime) -> dict[str, str]:
    """Fixed values for one English article (place, official, years).

    Args:
        rng: Random source.
        when: Publication time.

    Returns:
        The context mapping for :class:`Filler`.
    """
    city, where = rng.choice(en.PLACES)
    family, middle, given = (rng.choice(en.FAMILIES), rng.choice(en.MIDDLE), rng.choice(en.GIVEN))
    title = rng.choice(en.OFFICIAL_TITLES).format(city=city)
    return {
        "city": city,
        "where": where,
        "commodity": rng.choice(en.COMMODITIES),
        "official": f"{family} {middle} {given}",
        "official_title": title,
        "official_short": given,
        "year": str(when.year),
        "next_year": str(when.year + 1),
        "plan_end": str(when.year + 5 - when.year % 5),
    }


class Writer:
    """Writes articles from the word lists with one seeded random generator.

    The same seed and the same sequence of calls give the same articles, byte for byte.
    """

    def __init__(self, seed: int = 20190504) -> None:
        """Create a writer.

        Args:
            seed: Seed of the private :class:`random.Random`.
        """
        self.rng = random.Random(seed)
        self._titles: set[str] = set()
        self._uses: Counter[str] = Counter()

    def pick(self, templates: Sequence[str]) -> str:
        """Choose one of the least-used templates, so repeats spread out evenly.

        Args:
            templates: Candidates.

        Returns:
            The chosen template (its use is counted).
        """
        least = min(self._uses[t] for t in templates)
        choice = self.rng.choice([t for t in templates if self._uses[t] == least])
        self._uses[choice] += 1
        return choice

    def unique(self, make: Callable[[], str], suffix: Callable[[], str]) -> str:
        """Draw titles until one is new on the site.

        Args:
            make: Draws a candidate title.
            suffix: Draws text appended when many draws collide.

        Returns:
            A title not returned before by this writer.
        """
        title = make()
        for _ in range(40):
            if title not in self._titles:
                break
            title = make()
        while title in self._titles:
            title = f"{title} {suffix()}"
        self._titles.add(title)
        return title

    def reserve(self, title: str) -> str:
        """Record a hand-written title so generated ones never repeat it."""
        self._titles.add(title)
        return title

    def _sentences(self, pool: Sequence[str]) -> list[str]:
        items = list(pool)
        self.rng.shuffle(items)
        return items

    def vi_article(
        self,
        *,
        topic: str,
        region: str,
        province: vi.Province,
        when: datetime,
        portal: bool = False,
        title: str | None = None,
    ) -> Article:
        """Write one Vietnamese article.

        Args:
            topic: Topic key in :data:`words_vi.TOPICS`.
            region: Region key (word lists for crops, roads, festivals…).
            province: The province or city it is about.
            when: Publication time (aware).
            portal: Write it as a provincial portal item (``VPUB - `` title, source-name
                lead, image + one-line caption paragraphs) instead of a newspaper story.
            title: A fixed title instead of a generated one.

        Returns:
            The article; ``id``, ``path`` and ``feed_key`` are left for the caller.
        """
        rng = self.rng
        data = vi.TOPICS[topic]
        ctx = vi_context(rng, topic=topic, region=region, province=province, when=when)
        fill = Filler(rng, ctx, VI_NUMBERS)
        if title is None:
            title = self.unique(
                lambda: fill(self.pick(data["titles"])), lambda: f"tại {ctx['place']}"
            )
        else:
            self.reserve(title)
        if portal:
            title = "VPUB - " + title
        lead = fill(self.pick(data["leads"]))
        topical = self._sentences(data["sentences"])
        generic = self._sentences(vi.GENERIC)

        para = _paragraphs(fill, topical, generic)

        image = f"/images/{slugify(vi.TOPIC_LABELS[topic])}-{rng.randint(1, 3)}.svg"
        caption = fill(self.pick(data["captions"]))
        author = rng.choice(vi.AUTHORS)
        blocks: list[Block] = []
        if portal:
            source = f"{slugify(ctx['province']).replace('-', '').capitalize()}.gov.vn"
            first = para(1, 0)
            blocks.append(Block("p", f"{source} - {lead} {first.text}"))
            blocks.append(Block("img", src=image, text=caption))
            blocks.append(Block("caption", caption))
            for n_topic, n_generic in ((2, 1), (2, 0), (1, 1), (2, 1)):
                blocks.append(para(n_topic, n_generic))
            if rng.random() < 0.5:
                blocks.append(Block("p", fill(rng.choice(data["quotes"]))))
            blocks.append(Block("byline", author))
        else:
            subheads = rng.sample(data["subheads"], min(2, len(data["subheads"])))
            blocks.append(para(2, 1))
            blocks.append(Block("figure", caption, src=image))
            blocks.append(para(2, 0))
            blocks.append(Block("h2", fill(subheads[0])))
            blocks.append(para(1, 1))
            if rng.random() < 0.5:
                blocks.append(Block("quote", fill(rng.choice(data["quotes"]))))
            blocks.append(para(2, 0))
            if rng.random() < 0.4:
                blocks.append(Block("p", fill(rng.choice(vi.LIST_INTROS))))
                items = rng.sample(data["items"], min(len(data["items"]), rng.randint(3, 5)))
                blocks.append(Block("ul", items=tuple(items)))
            if len(subheads) > 1:
                blocks.append(Block("h2", fill(subheads[1])))
            blocks.append(para(1, 1))
            if topical or generic:
                blocks.append(para(1, 1))
            blocks.append(Block("byline", author))
        return Article(
            id=0,
            lang="vi",
            title=title,
            lead=lead,
            blocks=blocks,
            author=author,
            published=when,
            updated=self._updated(when),
            topic=topic,
            section=vi.TOPIC_LABELS[topic],
            tags=tuple(rng.sample(vi.TAGS[topic], 2)) + (ctx["province"],),
            image=image,
            image_caption=caption,
            place=ctx["province"],
        )

    def en_article(self, *, topic: str, when: datetime, title: str | None = None) -> Article:
        """Write one English article.

        Args:
            topic: Topic key in :data:`words_en.TOPICS`.
            when: Publication time (aware).
            title: A fixed title instead of a generated one.

        Returns:
            The article; ``id``, ``path`` and ``feed_key`` are left for the caller.
        """
        rng = self.rng
        data = en.TOPICS[topic]
        ctx = en_context(rng, when=when)
        fill = Filler(rng, ctx, EN_NUMBERS)
        if title is None:
            title = self.unique(lambda: fill(self.pick(data["titles"])), lambda: f"({ctx['city']})")
        else:
            self.reserve(title)
        lead = fill(self.pick(data["leads"]))
        topical = self._sentences(data["sentences"])
        generic = self._sentences(en.GENERIC)

        para = _paragraphs(fill, topical, generic)

        image = f"/images/{slugify(en.TOPIC_LABELS[topic])}-{rng.randint(1, 3)}.svg"
        caption = fill(self.pick(data["captions"]))
        author = rng.choice(en.AUTHORS)
        subheads = rng.sample(data["subheads"], 2)
        blocks = [
            para(2, 0),
            Block("figure", caption, src=image),
            para(2, 1),
            Block("h2", subheads[0]),
            para(2, 0),
        ]
        if rng.random() < 0.5:
            blocks.append(Block("quote", fill(rng.choice(data["quotes"]))))
        blocks += [Block("h2", subheads[1]), para(2, 1), para(1, 1), Block("byline", author)]
        return Article(
            id=0,
            lang="en",
            title=title,
            lead=lead,
            blocks=blocks,
            author=author,
            published=when,
            updated=self._updated(when),
            topic=topic,
            section=en.TOPIC_LABELS[topic],
            tags=(en.TOPIC_LABELS[topic], ctx["city"]),
            image=image,
            image_caption=caption,
            place=ctx["city"],
        )

    def _updated(self, when: datetime) -> datetime:
        if self.rng.random() < 0.3:
            return when + timedelta(minutes=self.rng.randint(20, 600))
        return when

    def dates(self, anchor: datetime, count: int, days: int = 60) -> list[datetime]:
        """Publication times spread over the ``days`` before ``anchor``, newest first.

        Args:
            anchor: Midnight (UTC+7) of the day the site is built for; no time is later.
            count: How many distinct times to draw.
            days: How far back the oldest may go.

        Returns:
            Aware datetimes in UTC+7, between 05:30 and 23:50 local time, newest first;
            recent days are a little more likely than old ones.
        """
        seen: set[datetime] = set()
        while len(seen) < count:
            day = 1 + int((days - 0.001) * self.rng.random() ** 1.25)
            minute = self.rng.randint(5 * 60 + 30, 23 * 60 + 50)
            seen.add(anchor - timedelta(days=day) + timedelta(minutes=minute))
        return sorted(seen, reverse=True)


def _paragraphs(
    fill: Callable[[str], str], topical: list[str], generic: list[str]
) -> Callable[[int, int], Block]:
    """A paragraph maker: n topical then n generic sentences, each used once."""

    def para(n_topic: int, n_generic: int) -> Block:
        picked = [fill(topical.pop()) for _ in range(min(n_topic, len(topical)))]
        picked += [fill(generic.pop()) for _ in range(min(n_generic, len(generic)))]
        return Block("p", " ".join(picked))

    return para


def anchor_day(now: datetime | None) -> datetime:
    """Midnight in Vietnam of the day ``now`` falls on (naive means UTC; None means now).

    Args:
        now: Any time, or None for the current time.

    Returns:
        An aware datetime at 00:00 UTC+7.
    """
    when = now if now is not None else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone(VN_TZ)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
