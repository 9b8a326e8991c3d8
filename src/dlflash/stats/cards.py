"""What the card states say: the due forecast, card counts and histograms, mastery per main
question, leeches, and how the typed answers have grown. Pure; the day is passed in.
"""

from __future__ import annotations

import math
import statistics
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress
from typing import NamedTuple

from dlflash.deck.model import Deck, Text
from dlflash.stats.log import LEECH_FAILURES, MATURE_DAYS, REPEAT, StatsInput, window

# -- future due -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueStats:
    """Cards due from today on.

    Counted: cards of the deck with a schedule, not suspended (a card buried today still
    counts: burying only hides it until tomorrow). `days[i]` is the number of cards whose due
    date is today + i; `overdue` those due before today. `due_today` and `due_tomorrow` are
    what would be due by the end of that day if nothing more were reviewed (overdue
    included), as the review screen's summary shows. `daily_load` is the sum of
    1 / interval: the reviews a day that the current intervals ask for on average.
    """

    today: date
    days: tuple[int, ...]
    overdue: int
    daily_load: float

    @property
    def due_today(self) -> int:
        return self.overdue + (self.days[0] if self.days else 0)

    @property
    def due_tomorrow(self) -> int:
        return self.due_today + (self.days[1] if len(self.days) > 1 else 0)

    @property
    def total(self) -> int:
        return sum(self.days)

    def dates(self) -> list[date]:
        return [self.today + timedelta(days=i) for i in range(len(self.days))]


def due_stats(data: StatsInput, horizon: int) -> DueStats:
    counts: Counter[int] = Counter()
    overdue = 0
    load = 0.0
    for card, state in data.states.items():
        if state.due is None or card in data.suspended:
            continue
        load += 1 / max(1, state.interval)
        offset = (state.due - data.today).days
        if offset < 0:
            overdue += 1
        elif offset < horizon:
            counts[offset] += 1
    return DueStats(data.today, tuple(counts[i] for i in range(horizon)), overdue, load)


# -- card counts and histograms ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bucket:
    """Values from `low` to `high` inclusive (`high` None: and above)."""

    low: float
    high: float | None
    count: int


INTERVAL_EDGES: tuple[int, ...] = (1, 2, 4, 8, 15, 21, 31, 61, 121, 241, 366)
"""Interval histogram: 1, 2-3, 4-7, 8-14, 15-20 (young); 21-30, 31-60, 61-120, 121-240,
241-365, 366+ days (mature)."""
EASE_EDGES: tuple[int, ...] = (130, 150, 170, 190, 210, 230, 250, 270, 290)
"""E-Factor histogram in hundredths: 1.30-1.49, 1.50-1.69, ..., 2.70-2.89, 2.90+."""


def histogram(values: Sequence[int], edges: Sequence[int], scale: int = 1) -> tuple[Bucket, ...]:
    """Counts of `values` per bucket [edges[i], edges[i+1] - 1], the last one open-ended;
    values below the first edge go into the first bucket. Bounds are divided by `scale`."""
    counts = [0] * len(edges)
    for value in values:  # the last edge at or below the value (the first one below all)
        counts[max(0, bisect_right(edges, value) - 1)] += 1
    return tuple(
        Bucket(edge / scale if scale != 1 else edge,
               ((edges[i + 1] - 1) / scale if scale != 1 else edges[i + 1] - 1)
               if i + 1 < len(edges) else None,
               counts[i])
        for i, edge in enumerate(edges)
    )


@dataclass(frozen=True, slots=True)
class CardCounts:
    """Every card of the deck in exactly one group: `suspended`; else `buried` (today); else
    `new` (never scheduled), `young` (interval < 21 days) or `mature` (>= 21 days).

    `intervals` (days) and `eases` (E-Factor in hundredths) are those of every scheduled card
    that is not suspended (buried ones included), sorted; the medians are the statistical
    median (the mean of the middle two for an even count), None without cards.
    """

    new: int
    young: int
    mature: int
    suspended: int
    buried: int
    intervals: tuple[int, ...]
    eases: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.new + self.young + self.mature + self.suspended + self.buried

    @property
    def interval_median(self) -> float | None:
        return statistics.median(self.intervals) if self.intervals else None

    @property
    def ease_median(self) -> float | None:
        return statistics.median(self.eases) / 100 if self.eases else None

    def interval_histogram(self) -> tuple[Bucket, ...]:
        return histogram(self.intervals, INTERVAL_EDGES)

    def ease_histogram(self) -> tuple[Bucket, ...]:
        return histogram(self.eases, EASE_EDGES, scale=100)


def card_counts(data: StatsInput) -> CardCounts:
    groups: Counter[str] = Counter()
    intervals, eases = [], []
    for card in data.deck.refs:
        state = data.states.get(card.id)
        if card.id in data.suspended:
            groups["suspended"] += 1
            continue
        if state is not None and state.due is not None:
            intervals.append(state.interval)
            eases.append(round(state.easiness * 100))
        if card.id in data.buried:
            groups["buried"] += 1
        elif state is None or state.due is None:
            groups["new"] += 1
        else:
            groups["mature" if state.interval >= MATURE_DAYS else "young"] += 1
    return CardCounts(groups["new"], groups["young"], groups["mature"], groups["suspended"],
                      groups["buried"], tuple(sorted(intervals)), tuple(sorted(eases)))


# -- mastery per main question ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicStats:
    """One main question with its follow-ups (cards grouped by their root question).

    `cards` counts the group's cards that are not suspended, `studied` those of them with a
    schedule, `mature` those with an interval >= 21 days; `ease` is the mean E-Factor of the
    studied cards. `weakest` lists up to three studied cards, lowest E-Factor first (ties:
    more failures, then shorter interval, then deck order). `last_reviewed` is the latest
    study day with a review of any card of the group.

    `core_points` counts the core key points of the `cards` (all their points for a card
    without core ones), `core_covered` those of them that the judge ticked on the latest
    first answer of the day of a studied card: progress that moves from the first day, long
    before a card is mature. A forgotten card is new again and covers none until studied.
    """

    id: str
    topic: Text
    question: Text
    cards: int
    studied: int
    mature: int
    ease: float | None
    reviews: int
    failures: int
    last_reviewed: date | None
    weakest: tuple[str, ...]
    core_points: int = 0
    core_covered: int = 0

    @property
    def mature_share(self) -> float | None:
        return self.mature / self.cards if self.cards else None

    @property
    def core_share(self) -> float | None:
        return self.core_covered / self.core_points if self.core_points else None


@dataclass(frozen=True, slots=True)
class CardTotals:
    """All-time figures per card id, from the review table: `reviews` (repeats included),
    `failures` (scheduling grades below 3: same-day repeats do not add failures, as Anki
    counts one lapse per review, not per button press), and the latest study day (as an
    ordinal) with a review, `last`, and with a failure, `last_failed`; `ticked` holds the
    key points ticked (a bit mask) on the card's latest scheduling review."""

    reviews: dict[str, int]
    failures: dict[str, int]
    last: dict[str, int]
    last_failed: dict[str, int]
    ticked: dict[str, int]

    @classmethod
    def of(cls, data: StatsInput) -> CardTotals:
        """From the table's per-card totals, kept up to date as rows are added: no pass
        over the rows."""
        table = data.reviews

        def by_id(figures: array[int], having: array[int]) -> dict[str, int]:
            return {card: figure for card, figure, n in zip(table.cards, figures, having,
                                                            strict=True) if n}

        return cls(by_id(table.reviews, table.reviews), by_id(table.failures, table.failures),
                   by_id(table.last, table.reviews), by_id(table.last_failed, table.failures),
                   by_id(table.last_ticked, table.schedulings))


def core_masks(deck: Deck) -> dict[str, tuple[int, int]]:
    """Every card's core key points as a bit mask and their count (all its points for a
    card without core ones)."""
    return {ref.id: (ref.core, ref.core.bit_count()) for ref in deck.refs}


def topic_stats(data: StatsInput, totals: CardTotals | None = None) -> tuple[TopicStats, ...]:
    deck, states = data.deck, data.states
    totals = totals or CardTotals.of(data)
    failures, reviews, last, ticked = totals.failures, totals.reviews, totals.last, totals.ticked
    masks = core_masks(deck)
    position = {ref.id: i for i, ref in enumerate(deck.refs)}
    groups: dict[str, list[str]] = defaultdict(list)
    for card, root in data.roots.items():
        groups[root].append(card)
    result = []
    for root, members in groups.items():  # one pass per card: decks may have thousands
        active = mature = review_count = failure_count = latest = core = covered = 0
        ease = 0.0
        ranked = []
        for card in members:
            card_failures = failures.get(card, 0)
            review_count += reviews.get(card, 0)
            failure_count += card_failures
            latest = max(latest, last.get(card, 0))
            if card in data.suspended:
                continue
            active += 1
            mask, count = masks[card]
            core += count
            state = states.get(card)
            if state is None or state.due is None:
                continue
            covered += (ticked.get(card, 0) & mask).bit_count()
            ease += state.easiness
            mature += state.interval >= MATURE_DAYS
            ranked.append((round(state.easiness * 100), -card_failures, state.interval,
                           position[card], card))
        ranked.sort()
        topic, question = deck.title(root if root in deck else members[0])
        result.append(TopicStats(
            id=root,
            topic=topic,
            question=question,
            cards=active,
            studied=len(ranked),
            mature=mature,
            ease=ease / len(ranked) if ranked else None,
            reviews=review_count,
            failures=failure_count,
            last_reviewed=date.fromordinal(latest) if latest else None,
            weakest=tuple(entry[-1] for entry in ranked[:3]),
            core_points=core,
            core_covered=covered,
        ))
    return tuple(result)


# -- leeches -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Leech:
    """A card with 8 or more failures (see `CardTotals`), all time."""

    card: str
    failures: int
    reviews: int
    last_failed: date
    ease: float | None
    suspended: bool


def leeches(data: StatsInput, threshold: int = LEECH_FAILURES,
            totals: CardTotals | None = None) -> tuple[Leech, ...]:
    """Leeches, most failures first, then in deck order."""
    totals = totals or CardTotals.of(data)
    position = {ref.id: i for i, ref in enumerate(data.deck.refs)}
    found = [
        Leech(card, count, totals.reviews[card], date.fromordinal(totals.last_failed[card]),
              data.states[card].easiness if card in data.states else None,
              card in data.suspended)
        for card, count in totals.failures.items() if count >= threshold
    ]
    return tuple(sorted(found, key=lambda leech: (-leech.failures, position[leech.card])))


# -- key points over time ------------------------------------------------------------------------


class PointsPeriod(NamedTuple):
    """Scheduling reviews (the first of a card on a study day: later repeats come after
    the answer was shown) from `first` to `last`, with the key points ticked summed over
    them and the key points those cards have. A named tuple: a report on a large deck
    holds one per main question and week."""

    first: date
    last: date
    reviews: int = 0
    ticked: int = 0
    possible: int = 0

    @property
    def average(self) -> float | None:
        """Key points ticked per review."""
        return self.ticked / self.reviews if self.reviews else None

    @property
    def share(self) -> float | None:
        """Share of the cards' key points ticked."""
        return self.ticked / self.possible if self.possible else None


@dataclass(frozen=True, slots=True)
class KeyPointTrend:
    """Weekly periods over the range, oldest first, the last one ending today."""

    id: str
    topic: Text
    periods: tuple[PointsPeriod, ...]

    @property
    def overall(self) -> PointsPeriod:
        ps = self.periods
        return PointsPeriod(ps[0].first, ps[-1].last, sum(p.reviews for p in ps),
                            sum(p.ticked for p in ps), sum(p.possible for p in ps))


def week_periods(today: date, days: int) -> list[tuple[date, date]]:
    """ceil(days / 7) weeks of 7 study days, the last ending with `today`."""
    weeks = math.ceil(days / 7)
    first, _ = window(today, weeks * 7)
    return [(first + timedelta(weeks=w), first + timedelta(weeks=w, days=6))
            for w in range(weeks)]


def key_point_trends(data: StatsInput, days: int) -> tuple[KeyPointTrend, ...]:
    """One trend per main question, in deck order, and a first one for all of them (id "").
    Kept in `data.memo` per number of weeks, from the weekly sums of `_week_sums`."""
    weeks = math.ceil(days / 7)
    known = data.memo.get(f"trends-{weeks}")
    if isinstance(known, tuple):
        return known
    deck, root_of = data.deck, data.roots
    periods = week_periods(data.today, days)
    sums = _week_sums(data, weeks)
    empty = tuple(PointsPeriod(first, last) for first, last in periods)

    def trend(key: str, topic: Text) -> KeyPointTrend:
        cells = sums.get(key)
        if cells is None:
            return KeyPointTrend(key, topic, empty)
        newest_first = cells[:weeks]
        return KeyPointTrend(key, topic, tuple(
            PointsPeriod(first, last, *cell) if cell[0] else blank
            for (first, last), cell, blank in zip(periods, reversed(newest_first), empty,
                                                  strict=True)))

    result = [trend("", Text())]
    seen: set[str] = set()
    for ref in deck.refs:
        root = root_of[ref.id]
        if root not in seen:
            seen.add(root)
            result.append(trend(root, deck.title(root if root in deck else ref.id)[0]))
    trends = tuple(result)
    data.memo[f"trends-{weeks}"] = trends
    return trends


def _week_sums(data: StatsInput, weeks: int) -> dict[str, list[list[int]]]:
    """Per main question (and "" for all of them): a cell [reviews, key points ticked, key
    points possible] per week, the week ending today first, for at least `weeks` weeks.

    The sums of the most weeks asked so far are kept in `data.memo`; asked for more, only
    the older weeks' rows are read (30 days, then 90, then 365 read each row once). Cells
    already summed are never changed (a new list is made), so a report being built in
    another thread from the same input is not disturbed."""
    known = data.memo.get("point-weeks")
    done, old = known if isinstance(known, tuple) else (0, {})
    if done >= weeks:
        return old  # type: ignore[no-any-return]
    table, today = data.reviews, data.today.toordinal()
    cards = data.memo.get("point-cards")
    if not isinstance(cards, list):
        # Per card of the table: (points, their mask, main question), None without points.
        points = {ref.id: ref.points for ref in data.deck.refs}
        cards = [(points[c], (1 << points[c]) - 1, data.roots[c]) if points.get(c) else None
                 for c in table.cards]
        data.memo["point-cards"] = cards
    extra = weeks - done
    sums = {key: cells + [[0, 0, 0] for _ in range(extra)] for key, cells in old.items()}
    overall = sums.get("")
    if overall is None:
        overall = sums[""] = [[0, 0, 0] for _ in range(weeks)]
    scheduling = data.kinds.translate(bytes(k != REPEAT for k in range(256)))
    for week in range(done, weeks):  # a week at a time, its scheduling rows picked in C
        end = date.fromordinal(today - 7 * week)
        rows = data.rows(end - timedelta(days=6), end)
        picked = scheduling[rows]
        summed: dict[str, list[int]] = {}
        for card, ticked in zip(compress(table.card[rows], picked),
                                compress(table.ticked[rows], picked), strict=True):
            entry = cards[card]
            if entry is None:
                continue
            count, mask, root = entry
            cell = summed.get(root)
            if cell is None:
                cell = summed[root] = [0, 0, 0]
            cell[0] += 1
            cell[1] += (ticked & mask).bit_count()
            cell[2] += count
        for root, cell in summed.items():
            cells = sums.get(root)
            if cells is None:
                cells = sums[root] = [[0, 0, 0] for _ in range(weeks)]
            cells[week] = cell
        overall[week] = [sum(column) for column in zip(*summed.values(), strict=True)] or [0, 0, 0]
    data.memo["point-weeks"] = (weeks, sums)
    return sums
