"""Every string of the app's own chrome, in Korean and English.

Deck text is content and comes from the deck; these are labels, hints and messages.
Keep ambiguous-width glyphs (middle dot, bullets, check marks) out: terminals disagree on
their width and borders misalign.
"""

from __future__ import annotations

from dlflash.base.language import Language, localized
from dlflash.stats.labels import LABELS as STATS_LABELS
from dlflash.stats.labels import count as count  # the nouns' one home
from dlflash.study.interview_labels import LABELS as INTERVIEW_LABELS
from dlflash.tui.browse_labels import LABELS as BROWSE_LABELS

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "deck.bundled": ("DL 면접", "DL interview"),
    "top.progress": ("완료 {done} / 남음 {left}", "{done} done / {left} left"),
    "top.due": ("복습 {n}", "{n} due"),
    "top.new": ("신규 {n}", "{n} new"),
    "top.repeat": ("재학습 {n}", "{n} again"),
    "reason.due": ("복습", "due"),
    "reason.new": ("신규", "new"),
    "reason.repeat": ("재학습", "again"),
    "card.follow_up_of": ("꼬리 질문입니다. 앞선 질문:", "A follow-up. Asked before it:"),
    "card.suspended": ("(보류됨)", "(suspended)"),
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
    # Short enough for two lines of 11 cells (a grade's column at 80 columns); the help
    # screen has SM-2's full wording.
    "grade.0": ("전혀 기억 안 남", "no recall at all"),
    "grade.1": ("틀림, 보니 기억남", "wrong, then recognised"),
    "grade.2": ("틀림, 보니 쉬움", "wrong, but looked easy"),
    "grade.3": ("맞음, 아주 힘들게", "right, very hard"),
    "grade.4": ("맞음, 망설인 뒤", "right, but hesitant"),
    "grade.5": ("완벽, 바로 맞음", "perfect, at once"),
    "grade.today": ("+오늘", "+today"),
    "grade.easiness": ("EF {easiness:.2f}", "EF {easiness:.2f}"),
    "interval.days": ("{days}일", "{days}d"),
    "interval.again": ("다시", "again"),
    "interval.done": ("완료", "done"),
    "timer": ("{minutes}:{seconds:02}", "{minutes}:{seconds:02}"),
    "summary.title": ("오늘 학습 완료", "Done for today"),
    "summary.title.nothing": ("오늘은 할 카드가 없습니다", "Nothing is due today"),
    "summary.cards": ("카드 {cards}, 복습 {reviews} (신규 {new}, {repeats})",
                      "{reviews} of {cards} ({new} new, {repeats})"),
    "summary.time": ("답 쓰는 데 걸린 시간 {time} (정답을 보기 전까지)",
                     "answer time {time} (until each reveal)"),
    "summary.grades": ("점수 분포", "grades"),
    "summary.streak": ("연속 학습 {days}", "streak: {days}"),
    "summary.tomorrow": ("내일 복습할 카드 {count}", "due tomorrow: {count}"),
    "summary.next": ("다음 복습일 {day}", "next card due on {day}"),
    "summary.no_next": ("예정된 복습이 없습니다", "no card is scheduled yet"),
    "summary.more": ("n: 새 카드 {cards} 더 학습하기", "n: learn {cards} today"),
    "summary.none_left": ("새 카드를 모두 학습했습니다.", "You have studied every new card."),
    "help.title": ("단축키", "Keys"),
    "help.grades": ("점수 (SM-2)", "Grades (SM-2)"),
    "help.close": ("esc 또는 ?: 닫기, 위/아래와 pgup/pgdn: 스크롤",
                   "esc or ? closes; up/down and pgup/pgdn scroll"),
    "small": ("터미널이 {width}x{height}입니다. dlflash는 최소 {min_w}x{min_h}가 필요합니다. "
              "창을 키우면 그 자리에서 이어집니다.",
              "The terminal is {width}x{height}; dlflash needs at least {min_w}x{min_h}. "
              "Make the window larger and it goes on where it was."),
    "status.graded": ("{card}: {grade}점, {days} 뒤 다시", "{card}: {grade}, next in {days}"),
    "status.graded.both": ("{card}: {grade}점, 오늘 다시, 그다음 {days} 뒤",
                           "{card}: {grade}, back today, then in {days}"),
    "status.graded.today": ("{card}: {grade}점, 오늘 다시 나옴", "{card}: {grade}, back today"),
    "status.graded.done": ("{card}: {grade}점, 오늘은 끝", "{card}: {grade}, done for today"),
    "status.buried": ("{card}: 내일까지 건너뜀", "{card}: buried until tomorrow"),
    "status.suspended": ("{card}: 보류함 (dlflash unsuspend {card}로 복귀)",
                         "{card}: suspended (dlflash unsuspend {card} brings it back)"),
    "status.replaced": ("새 카드 하나가 대신 들어옴", "another new card takes its place"),
    "status.undone": ("되돌림: {card}", "undone: {card}"),
    "status.undo": ("ctrl+z: 되돌리기", "ctrl+z undoes"),
    "notify.nothing_to_undo": ("되돌릴 것이 없습니다.", "Nothing to undo."),
    "notify.save_failed": ("저장 실패: {error}", "Could not save: {error}"),
    "keybar.palette": ("명령", "palette"),
    "notify.theme_failed": ("테마를 저장하지 못했습니다: {error}",
                            "Could not save the theme: {error}"),
    "notify.screen_failed": ("{screen} 화면을 열 수 없습니다 ({error}): 실행 중에 dlflash 설치가 "
                             "바뀐 것 같습니다. dlflash를 다시 시작하세요.",
                             "The {screen} screen cannot be opened ({error}): dlflash's "
                             "installation changed while it ran; start dlflash again."),
    "palette.theme": ("테마 바꾸기 (theme)", "Theme"),
    "palette.theme.help": ("색 테마 고르기 (기억됨)", "Change the colour theme (remembered)"),
    "palette.screenshot": ("화면 저장 (screenshot)", "Screenshot"),
    "palette.screenshot.help": ("지금 화면을 SVG 파일로 저장",
                                "Save the screen as an SVG file"),
}


_STRINGS.update(STATS_LABELS)  # the stats screen shares its words with `dlflash stats --text`
_STRINGS.update(INTERVIEW_LABELS)  # the interview screens share theirs with the Markdown report
_STRINGS.update(BROWSE_LABELS)


def tr(key: str, language: Language, **values: object) -> str:
    """The UI string `key` in `language`, formatted with `values`."""
    template = localized(_STRINGS[key], language)
    return template.format(**values) if values else template
