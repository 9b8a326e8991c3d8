"""The words of the statistics, in Korean and English: shared by `dlflash stats --text` and
the stats screen (whose `tr()` includes them). Plain strings only, no markup, and no
ambiguous-width glyphs (see tui/text.py). A module of its own so that the app can load its
strings at start-up without the statistics code.
"""

from __future__ import annotations

from dlflash.base.language import Language, counted

NOUNS: dict[str, tuple[str, str, str]] = {
    # noun: (ko, en singular, en plural), for `dlflash.base.language.counted`: the one
    # table of counted nouns, for the statistics, the review screen and its summary
    "card": ("{n}장", "{n} card", "{n} cards"),
    "more_new": ("{n}장", "{n} more new card", "{n} more new cards"),
    "review": ("{n}회", "{n} review", "{n} reviews"),
    "repeat": ("재학습 {n}", "{n} repeat", "{n} repeats"),
    "day": ("{n}일", "{n} day", "{n} days"),
    "interview": ("{n}회", "{n} interview", "{n} interviews"),
    "answer": ("{n}개", "{n} answer", "{n} answers"),
}



def count(n: int, noun: str, language: Language) -> str:
    """`1 day`, `3 days`, `3일`: a number with its noun of `NOUNS`, in the grammar of
    `language`."""
    return counted(n, NOUNS[noun], language)


LABELS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "stats.title": ("학습 통계", "Statistics"),
    "stats.heading": ("dlflash 통계, {day} (최근 {days}일)",
                      "dlflash stats, {day} (last {days} days)"),
    "stats.range": ("기간 {days}일 (r: 변경)", "range {days} days (r changes)"),
    "stats.loading": ("계산 중...", "Computing..."),
    "stats.failed": ("통계를 계산하지 못했습니다: {error}", "Could not compute the stats: {error}"),
    "section.today": ("오늘", "Today"),
    "section.due": ("복습 예정", "Due"),
    "section.calendar": ("달력", "Calendar"),
    "section.reviews": ("일별 복습", "Reviews per day"),
    "section.cards": ("카드", "Cards"),
    "section.retention": ("기억 유지율", "Retention"),
    "section.grades": ("점수 분포", "Grades"),
    "section.hours": ("시간대", "Hour of day"),
    "section.topics": ("주제별 숙달도", "Mastery per topic"),
    "section.leeches": ("자주 틀리는 카드", "Leeches"),
    "section.key_points": ("핵심 포인트 추이", "Key points over time"),
    "section.interviews": ("모의 면접", "Mock interviews"),
    "today.none": ("오늘은 아직 학습하지 않았습니다.", "No cards studied today yet."),
    "today.work": ("카드 {cards}, 복습 {reviews} (신규 {new}, {repeats}), {time}, "
                   "복습당 {per}초",
                   "{reviews} of {cards} ({new} new, {repeats}) in {time}, "
                   "{per}s per review"),
    "today.failed": ("틀림 {failed} ({share}), 성숙 카드 정답 {mature}",
                     "failed {failed} ({share}); correct on mature cards {mature}"),
    "due.line": ("밀린 카드 {overdue}, 오늘 {today}, 내일까지 {tomorrow}; 앞으로 {days}일간 "
                 "{total}장 (하루 {per_day}); 하루 부담 {load}",
                 "overdue {overdue}, due today {today}, by tomorrow {tomorrow}; next {days} "
                 "days {total} ({per_day} a day); daily load {load}"),
    "due.chart": ("일별 복습 예정 카드 (오늘부터)", "cards due per day, from today"),
    "due.chart.grouped": ("{n}일 단위 복습 예정 카드 (오늘부터)",
                          "cards due per {n} days, from today"),
    "heatmap.weekdays": ("월,,수,,금,,", "Mon,,Wed,,Fri,,"),
    "heatmap.months": ("1월,2월,3월,4월,5월,6월,7월,8월,9월,10월,11월,12월",
                       "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"),
    "heatmap.less": ("적음", "less"),
    "heatmap.more": ("많음", "more"),
    "calendar.line": ("연속 학습 {current} (최장 {longest}); {span} 중 {studied}일 학습 "
                      "({share})",
                      "streak {current} (longest {longest}); studied {studied} of "
                      "{span} ({share})"),
    "reviews.line": ("최근 {days}일: 복습 {total} (하루 {per_day}회, 학습한 날 {studied}); "
                     "신규 {new}, 초기 {young}, 성숙 {mature}, 재학습 {repeat}",
                     "last {days} days: {total} ({per_day} a day, on {studied}); "
                     "new {new}, young {young}, mature {mature}, repeat {repeat}"),
    "reviews.time": ("답변 시간 합계 {time}, 복습당 {per}초", "answer time {time} in all, "
                     "{per}s per review"),
    "reviews.count": ("하루 복습 수", "reviews a day"),
    "reviews.count.grouped": ("{n}일 단위 복습 수", "reviews per {n} days"),
    "reviews.minutes": ("하루 학습 분", "minutes a day"),
    "reviews.minutes.grouped": ("{n}일 단위 학습 분", "minutes per {n} days"),
    "cards.line": ("카드 {total}: 신규 {new}, 초기 {young}, 성숙 {mature}, 보류 {suspended}, "
                   "건너뜀 {buried}",
                   "{total}: new {new}, young {young}, mature {mature}, suspended "
                   "{suspended}, buried {buried}"),
    "cards.medians": ("간격 중앙값 {interval}, E-Factor 중앙값 {ease}",
                      "median interval {interval}, median E-Factor {ease}"),
    "cards.intervals": ("간격 분포 (중앙값 {median})", "intervals (median {median})"),
    "cards.eases": ("E-Factor 분포 (중앙값 {median})", "E-Factors (median {median})"),
    "kind.new": ("신규", "new"),
    "kind.young": ("초기", "young"),
    "kind.mature": ("성숙", "mature"),
    "kind.repeat": ("재학습", "repeat"),
    "kind.suspended": ("보류", "suspended"),
    "kind.buried": ("건너뜀", "buried"),
    "kind.all": ("전체", "all"),
    "period.today": ("오늘", "today"),
    "period.yesterday": ("어제", "yesterday"),
    "period.week": ("7일", "7 days"),
    "period.month": ("30일", "30 days"),
    "period.year": ("365일", "365 days"),
    "period.all": ("전체 기간", "all time"),
    "retention.note": ("그날 첫 채점, 간격 1일 이상인 카드, 3점 이상 통과",
                       "first grade of a card on a day, interval 1 day or more; 3+ passes"),
    "grades.range": ("최근 {days}일의 모든 채점 (재학습 포함)",
                     "every grade of the last {days} days, repeats included"),
    "hours.count": ("시간대별 복습 수 (최근 {days}일)", "reviews by hour (last {days} days)"),
    "hours.count.grouped": ("{n}시간 단위 복습 수", "reviews per {n} hours"),
    "hours.correct": ("시간대별 정답률 (3점 이상)", "share correct by hour (grade 3+)"),
    "hours.best": ("가장 많이 학습한 시간 {hour}시 ({count}회)",
                   "busiest hour {hour}:00 ({count} reviews)"),
    # The columns of "Mastery per topic" (short: they head columns of a few cells at 80).
    "topic.header": ("주제", "topic"),
    "topic.mature": ("성숙", "mature"),
    "topic.studied": ("학습", "studied"),
    "topic.core": ("핵심", "core"),
    "topic.ease": ("EF", "EF"),
    "topic.last": ("최근", "last"),
    "topic.weakest": ("약한 카드", "weakest"),
    "topic.note": ("성숙: 간격 21일 이상인 카드 비율; 학습: 학습한 카드/카드; 핵심: 카드마다 "
                   "최근 답에서 체크한 핵심 포인트/전체",
                   "mature: share of cards at 21+ days; studied: cards studied of all; core: "
                   "core points ticked on each card's latest answer, of all"),
    "leech.none": ("{n}회 이상 틀린 카드가 없습니다.", "No card has failed {n} times or more."),
    "leech.row": ("{failures}회 틀림 / 복습 {reviews}, 마지막 {last}",
                  "failed {failures} times in {reviews}, last {last}"),
    "leech.suspended": ("보류됨", "suspended"),
    "points.line": ("그날 첫 답에서 체크한 핵심 포인트 비율, 주별 (최근 {days}일)",
                    "share of key points ticked on a card's first answer of the day, by week "
                    "(last {days} days)"),
    "points.change": ("{first} -> {last}", "{first} -> {last}"),
    "points.all": ("전체 주제", "all topics"),
    "points.header": ("주 시작", "week of"),
    "points.trend": ("처음 -> 마지막", "first -> last"),
    "interviews.none": ("최근 {days}일 동안 모의 면접이 없습니다 (I 또는 dlflash interview).",
                        "No mock interview in the last {days} days (I, or dlflash "
                        "interview)."),
    "interviews.line": ("모의 면접 {interviews} (끝까지 {finished}), 답 {answers}, 시간 초과 "
                        "{over}, 찾아봄 {looked}; 지금까지 {all_time}회, 마지막 {last}",
                        "{interviews} ({finished} finished), {answers}, {over} over time, "
                        "{looked} looked up; {all_time} in all, the last on {last}"),
    "interviews.time": ("답 하나에 {per}초 (제한 {limit}초), 다룬 핵심 포인트 {covered}",
                        "{per}s per answer against a limit of {limit}s; core points "
                        "covered {covered}"),
    "interviews.weeks": ("주별로 다룬 핵심 포인트 비율", "core points covered, by week"),
    "unit.day": ("{n}일", "{n}d"),
    "none": ("-", "-"),
}
