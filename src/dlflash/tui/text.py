"""Every string of the app's own chrome, in Korean and English.

Deck text is content and comes from the deck; these are labels, hints and messages.
Keep ambiguous-width glyphs (middle dot, bullets, check marks) out: terminals disagree on
their width and borders misalign.
"""

from __future__ import annotations

from dlflash.base.language import Language, localized
from dlflash.stats.labels import LABELS as STATS_LABELS
from dlflash.study.interview_labels import LABELS as INTERVIEW_LABELS

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "deck.bundled": ("DL 면접", "DL interview"),
    "top.progress": ("완료 {done} / 남음 {left}: 복습 {due}, 신규 {new}, 재학습 {repeat}",
                     "{done} done / {left} left: {due} due, {new} new, {repeat} again"),
    "reason.due": ("복습", "due"),
    "reason.new": ("신규", "new"),
    "reason.repeat": ("재학습", "again"),
    "card.follow_up_of": ("이어지는 질문: {question}", "Follow-up to: {question}"),
    "answer.title": ("내 답", "Your answer"),
    "answer.placeholder": ("여기에 답을 적어 보세요. ctrl+r: 정답 보기, esc: 입력 나가기",
                           "Type your answer here. ctrl+r reveals, esc leaves the box."),
    "answer.empty": ("(적은 답 없음)", "(nothing typed)"),
    "model.title": ("모범 답안", "Model answer"),
    "points.title": ("핵심 포인트 (a-{last}: 체크 전환)", "Key points (a-{last} toggle)"),
    "hint.reveal": ("답을 떠올려 적은 뒤 ctrl+r (입력 밖에서는 space/enter)로 정답을 보세요.",
                    "Recall and type, then ctrl+r (space/enter outside the box) to reveal."),
    "suggest.keys": ("enter로 확정, 0-5로 선택.", "enter accepts, 0-5 grades."),
    "trap": ("답에 오개념이 있습니다: {says}. 사실은: {fix}",
             "Your answer says: {says}. In fact: {fix}"),
    "suggest.repeat": ("재학습 카드: 4 이상이면 오늘 끝, 3 이하면 다시 나옵니다.",
                       "Repeat card: 4 or 5 finishes it today, 0-3 brings it back."),
    "grade.0": ("백지", "blackout"),
    "grade.1": ("틀림, 기억남", "wrong, knew"),
    "grade.2": ("틀림, 쉬웠음", "wrong, easy"),
    "grade.3": ("어렵게 맞음", "hard"),
    "grade.4": ("망설임", "hesitant"),
    "grade.5": ("완벽", "perfect"),
    "interval.days": ("{days}일", "{days}d"),
    "interval.again": ("다시", "again"),
    "interval.done": ("완료", "done"),
    "timer": ("{minutes}:{seconds:02}", "{minutes}:{seconds:02}"),
    "summary.title": ("오늘 학습 완료", "Done for today"),
    "summary.title.nothing": ("오늘은 할 카드가 없습니다", "Nothing is due today"),
    "summary.cards": ("카드 {done}장 (신규 {new}, 재학습 {repeat})",
                      "{done} cards ({new} new, {repeat} repeats)"),
    "summary.time": ("학습 시간 {minutes}분 {seconds}초", "time spent {minutes}m {seconds}s"),
    "summary.grades": ("점수 분포", "grades"),
    "summary.streak": ("연속 학습 {days}일", "streak: {days} day(s)"),
    "summary.tomorrow": ("내일 복습 {count}장", "due tomorrow: {count}"),
    "summary.next": ("다음 복습일 {day}", "next card due on {day}"),
    "summary.no_next": ("예정된 복습이 없습니다", "no card is scheduled yet"),
    "summary.more": ("n: 새 카드 {count}장 더 학습하기", "n: learn {count} more new cards today"),
    "summary.none_left": ("새 카드를 모두 학습했습니다.", "You have studied every new card."),
    "help.title": ("단축키", "Keys"),
    "help.close": ("esc 또는 ?: 닫기", "esc or ? closes"),
    "small": ("터미널이 {width}x{height}입니다. dlflash는 최소 {min_w}x{min_h}가 필요합니다.",
              "The terminal is {width}x{height}; dlflash needs at least {min_w}x{min_h}."),
    "notify.undone": ("되돌렸습니다: {card}", "Undone: {card}"),
    "notify.nothing_to_undo": ("되돌릴 것이 없습니다.", "Nothing to undo."),
    "notify.buried": ("오늘은 이 카드를 건너뜁니다: {card}", "Buried until tomorrow: {card}"),
    "notify.suspended": ("이 카드를 보류했습니다: {card} (u로 취소)",
                         "Suspended: {card} (u undoes)"),
    "notify.save_failed": ("저장 실패: {error}", "Could not save: {error}"),
    "keybar.palette": ("명령", "palette"),
    "notify.theme_failed": ("테마를 저장하지 못했습니다: {error}",
                            "Could not save the theme: {error}"),
}


_STRINGS.update(STATS_LABELS)  # the stats screen shares its words with `dlflash stats --text`
_STRINGS.update(INTERVIEW_LABELS)  # the interview screens share theirs with the Markdown report


def tr(key: str, language: Language, **values: object) -> str:
    """The UI string `key` in `language`, formatted with `values`."""
    template = localized(_STRINGS[key], language)
    return template.format(**values) if values else template
