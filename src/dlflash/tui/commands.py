"""One declaration per command: it generates the key bindings, the footer, the command
palette entries and the help screen, so they can never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode

from dlflash.base.language import Language, localized

GROUP_HELP: dict[str, tuple[str, str]] = {
    "scroll": ("카드 스크롤 (입력 상자 밖에서)", "Scroll the card, outside the answer box"),
    "grade": ("채점: 0 백지 ... 5 완벽 (정답을 본 뒤)",
              "Grade from 0 (blackout) to 5 (perfect), after reveal"),
    "points": ("핵심 포인트 a-f 체크 전환 (정답을 본 뒤)",
               "Tick or untick key points a-f, after reveal"),
    "choose": ("위/아래 (j/k): 질문 선택", "Choose a question with up and down (or j and k)"),
    "own": ("선택한 질문에 내 점수 0-5", "Give the chosen question your own grade, 0 to 5"),
    "mistakes": ("요약에서: 오늘 틀린 카드 1-9의 정보",
                 "On the summary: card info of today's failed card 1 to 9"),
    "flags": ("깃발 1-7 (빨강, 주황, 초록, 파랑, 분홍, 청록, 보라), 0: 떼기",
              "Flag 1 to 7 (red, orange, green, blue, pink, teal, purple), 0 takes it off"),
    "move": ("위/아래 (j/k), pgup/pgdn: 카드 고르기", "Choose a card: up/down (j/k), pgup/pgdn"),
}


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    keys: str
    """Comma-separated Textual key names."""
    action: str
    label: tuple[str, str]
    """(ko, en): short, for the footer and the palette."""
    help: tuple[str, str]
    """(ko, en): one sentence for the help screen and the palette."""
    key_display: str | None = None
    show: bool = True
    priority: bool = False
    group: str | None = None
    """Commands of one group share one help row; only the first is shown in the footer."""
    palette: bool = True
    title: tuple[str, str] | None = None
    """(ko, en): the palette's name for it, where the footer's label is not one to search for."""

    def text(self, pair: tuple[str, str], language: Language) -> str:
        return localized(pair, language)

    def binding(self, language: Language) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.text(self.label, language),
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.text(self.help, language),
            id=f"dlflash.{self.id}",
        )


GRADE_MEANINGS: tuple[tuple[str, str], ...] = (
    # SM-2's own meaning of each grade (shared/sm2-spec.md), for the help screen
    ("0점: 전혀 기억나지 않음", "0: complete blackout"),
    ("1점: 틀림, 정답을 보니 기억남", "1: incorrect; the correct one remembered"),
    ("2점: 틀림, 정답을 보니 쉬워 보임", "2: incorrect; the correct one seemed easy to recall"),
    ("3점: 맞았지만 매우 어렵게 떠올림", "3: correct, recalled with serious difficulty"),
    ("4점: 망설인 뒤 맞음", "4: correct after a hesitation"),
    ("5점: 완벽하게 바로 맞음", "5: perfect response"),
)

GRADE_EFFECTS: tuple[tuple[str, str], ...] = (
    # what the grades do to a card, for the help screen: "who: what"
    ("0-2: 처음부터 다시 (다음 복습 1일 뒤), EF가 0.32-0.80 내려감",
     "0-2: the card starts over (due again in 1 day); its E-Factor drops by 0.32 to 0.80"),
    ("3-5: 간격이 늘어남 (1일, 6일, 그다음 간격 x EF); EF는 3에서 0.14 내려가고, 4에서 "
     "그대로, 5에서 0.10 오름",
     "3-5: the interval grows (1 day, 6 days, then the interval times the E-Factor); the "
     "E-Factor drops by 0.14 at 3, stays at 4, rises by 0.10 at 5"),
    ("4 미만: 오늘 학습 끝에 다시 나옴 (재학습), 4나 5를 받을 때까지",
     "Below 4: the card comes back at the end of today's cards, until it gets a 4 or 5"),
    ("새 카드: 어떤 점수든 1일 뒤에 다시 나오고, 점수는 EF와 오늘 다시 나올지를 정함",
     "New card: due in 1 day at any grade; the grade sets its E-Factor, and whether it "
     "comes back today"),
)


def _grades() -> list[Command]:
    return [
        Command(f"grade_{g}", str(g), f"grade({g})", ("점수", "grade"), GRADE_MEANINGS[g],
                key_display="0-5" if g == 0 else None, show=g == 0, group="grade",
                palette=False)
        for g in range(6)
    ]


def _points() -> list[Command]:
    return [
        Command(f"toggle_{letter}", letter, f"toggle_point({index})", ("체크", "tick"),
                (f"핵심 포인트 {letter} 체크 전환", f"Tick or untick key point {letter}"),
                key_display="a-f" if index == 0 else None, show=index == 0,
                group="points", palette=False)
        for index, letter in enumerate("abcdef")
    ]


# Both screens have these two, the same way.
_LANGUAGE = Command("language", "l", "toggle_language", ("English", "한국어"),
                    ("한국어/영어 전환", "Switch between Korean and English"),
                    title=("언어 바꾸기 (language): English", "Language (언어): 한국어"))
_HELP = Command("help", "question_mark,f1", "help", ("도움말", "help"),
                ("모든 단축키 보기", "Show every key"), key_display="?")

REVIEW_COMMANDS: tuple[Command, ...] = (
    Command("reveal", "ctrl+r", "reveal", ("정답", "reveal"),
            ("모범 답안과 핵심 포인트 보기 (입력 중에도)",
             "Show the model answer and key points (also while typing)"),
            priority=True),
    Command("reveal_key", "space,enter", "reveal", ("정답", "reveal"),
            ("입력 상자 밖에서 정답 보기", "Reveal, outside the answer box"),
            show=False, palette=False),
    Command("leave_answer", "escape", "leave_answer", ("입력 나가기", "leave box"),
            ("입력 상자에서 나가기: 이후 글자 키가 명령이 됨",
             "Leave the answer box, so letter keys become commands"),
            palette=False),
    Command("edit_answer", "i", "edit_answer", ("입력으로", "back to box"),
            ("입력 상자로 돌아가기", "Go back to the answer box")),
    *_grades(),
    Command("accept", "enter", "accept", ("추천 점수", "accept"),
            ("추천 점수로 채점", "Grade with the suggested grade")),
    *_points(),
    # ctrl+z works in the answer box too (a mistyped grade is found on the next card, whose
    # box has the cursor); there it undoes the typing first, if anything was typed.
    Command("undo", "ctrl+z", "undo", ("되돌리기", "undo"),
            ("마지막 채점/건너뛰기/보류 되돌리기 (반복 가능; 입력 상자에서는 적은 글자가 "
             "먼저)", "Undo the last grade, bury or suspend (repeatable; in the answer box, "
             "what was typed comes first)"), priority=True),
    Command("undo_key", "u", "undo", ("되돌리기", "undo"),
            ("입력 상자 밖에서 되돌리기", "Undo, outside the answer box"),
            show=False, palette=False),
    Command("bury", "minus", "bury", ("건너뛰기", "bury"),
            ("이 카드를 내일까지 건너뛰기", "Bury this card until tomorrow"),
            key_display="-", show=False),
    Command("suspend", "exclamation_mark", "suspend", ("보류", "suspend"),
            ("이 카드를 복습에서 빼기 (되돌리기나 dlflash unsuspend로 복귀)",
             "Suspend this card from all reviews (undo or dlflash unsuspend brings it back)"),
            key_display="!", show=False),
    *(
        Command(f"scroll_{how}", key, f"scroll('{how}')", ("스크롤", "scroll"),
                ("카드 스크롤", "Scroll the card"), show=False, palette=False, group="scroll",
                key_display="arrows pgup pgdn" if how == "up" else None)
        for how, key in (("up", "up"), ("down", "down"), ("page_up", "pageup"),
                         ("page_down", "pagedown"), ("home", "home"), ("end", "end"))
    ),
    Command("learn_more", "n", "learn_more", ("새 카드 더", "more new"),
            ("오늘 새 카드 더 학습하기", "Learn more new cards today")),
    Command("browse", "b", "browse", ("찾아보기", "browse"),
            ("모든 카드 찾아보기: 거르기, 정렬, 카드 정보 (입력 상자 밖에서, 정답을 보기 전이나 "
             "학습을 마친 뒤)", "Browse every card: filter, sort, card info (outside the "
             "answer box, before reveal or when the day is done)")),
    Command("card_info", "C", "card_info", ("카드 정보", "card info"),
            ("이 카드의 정보와 기록, 메모, 깃발 (입력 상자 밖에서)",
             "This card's info and history, note and flag (outside the answer box)"),
            key_display="C"),
    *(Command(f"mistake_{n}", str(n), f"mistake({n})", ("틀린 카드", "failed card"),
              (f"오늘 틀린 카드 {n}의 정보 (요약에서)",
               f"Card info of today's failed card {n} (on the summary)"),
              key_display="1-9" if n == 1 else None, show=False, group="mistakes",
              palette=False)
      for n in range(1, 10)),
    Command("mistakes", "m", "mistakes", ("틀린 카드 다시", "failed again"),
            ("오늘 3점 미만을 받은 카드를 다시 복습 (재학습: 일정은 그대로)",
             "Review today's failed cards again (below 3), as repeats: the schedule stays")),
    Command("custom_study", "S", "custom_study", ("골라서 학습", "custom study"),
            ("골라서 학습: 주제/태그의 새 카드, 틀린 카드, 미리 학습, 벼락치기",
             "Custom study: new cards of topics or tags, failed cards, study ahead, cram"),
            key_display="S"),
    Command("stats", "s", "stats", ("통계", "stats"),
            ("학습 통계 보기 (입력 상자 밖에서)", "Show the statistics (outside the answer box)")),
    Command("interview", "I", "interview", ("모의 면접", "interview"),
            ("모의 면접: 메인 질문과 꼬리 질문을 시간 재며 (입력 상자 밖에서)",
             "A mock interview: main questions and their follow-ups against the clock "
             "(outside the answer box)"), key_display="I"),
    _LANGUAGE,
    _HELP,
    Command("quit", "q", "quit", ("종료", "quit"),
            ("종료 (입력 상자 밖에서; ctrl+q는 어디서나)",
             "Quit (outside the answer box; ctrl+q anywhere)")),
)

STATS_COMMANDS: tuple[Command, ...] = (
    Command("back", "escape,s", "back", ("복습", "review"),
            ("복습 화면으로 돌아가기", "Back to the review screen")),
    Command("range", "r", "cycle_range", ("기간", "range"),
            ("기간 바꾸기: 30일, 90일, 365일", "Change the range: 30, 90 or 365 days")),
    _LANGUAGE,
    _HELP,
    Command("quit", "q", "quit", ("종료", "quit"),
            ("종료 (ctrl+q는 어디서나)", "Quit (ctrl+q anywhere)")),
)


BROWSE_COMMANDS: tuple[Command, ...] = (
    Command("open", "enter", "open", ("카드 정보", "card info"),
            ("고른 카드의 정보와 기록 (일정은 그대로)",
             "Open the chosen card's info and history (the schedule stays)")),
    *(Command(f"move_{name}", key, f"move({step})", ("고르기", "choose"),
              ("위/아래: 카드 고르기", "Choose a card with up and down"),
              key_display="up/down" if step == -1 else None, show=False, group="move",
              palette=False)
      for name, key, step in (("up", "up", -1), ("down", "down", 1))),
    *(Command(f"page_{name}", key, f"page({step})", ("고르기", "choose"),
              ("한 쪽씩 위/아래", "A page up or down"), show=False, group="move",
              palette=False)
      for name, key, step in (("up", "pageup", -1), ("down", "pagedown", 1))),
    Command("leave_filter", "escape,tab", "leave_filter", ("표로", "to table"),
            ("찾기 상자에서 나가기: 이후 글자 키가 명령이 됨",
             "Leave the filter box, so letter keys become commands"), palette=False),
    Command("focus_filter", "slash", "focus_filter", ("찾기", "filter"),
            ("찾기 상자로: 적는 대로 목록이 바뀜", "Go to the filter box: the list follows "
             "what you type"), key_display="/"),
    Command("topic", "t", "topic(1)", ("주제", "topic"),
            ("다음 주제만 보기 (모두, 주제 1, 주제 2, ...)", "Show the next topic only (all, "
             "then each topic)")),
    Command("topic_back", "T", "topic(-1)", ("이전 주제", "topic back"),
            ("이전 주제만 보기", "Show the previous topic only"), show=False),
    Command("state", "f", "state(1)", ("상태", "state"),
            ("다음 상태만 보기: 신규, 학습 중, 초기, 성숙, 거머리, 건너뜀, 보류, 깃발, 메모",
             "Show the next state only: new, learning, young, mature, leech, buried, "
             "suspended, flagged, with a note")),
    Command("state_back", "F", "state(-1)", ("이전 상태", "state back"),
            ("이전 상태만 보기", "Show the previous state only"), show=False),
    Command("sort", "o", "sort(1)", ("정렬", "sort"),
            ("다음 열로 정렬", "Sort by the next column")),
    Command("sort_back", "O", "sort(-1)", ("이전 열 정렬", "sort back"),
            ("이전 열로 정렬", "Sort by the previous column"), show=False),
    Command("reverse", "r", "reverse", ("뒤집기", "reverse"),
            ("정렬 방향 뒤집기", "Reverse the order")),
    Command("back", "escape", "back", ("복습", "review"),
            ("복습 화면으로 돌아가기", "Back to the review screen")),
    _LANGUAGE,
    _HELP,
    Command("quit", "q", "quit", ("종료", "quit"),
            ("종료 (입력 상자 밖에서; ctrl+q는 어디서나)",
             "Quit (outside the filter box; ctrl+q anywhere)")),
)

CARD_INFO_COMMANDS: tuple[Command, ...] = (
    Command("close", "escape", "close", ("닫기", "close"),
            ("카드 정보 닫기", "Close the card info")),
    Command("suspend", "exclamation_mark", "suspend", ("보류/풀기", "suspend"),
            ("카드 보류 또는 보류 풀기", "Suspend the card, or unsuspend it"), key_display="!"),
    Command("bury", "minus", "bury", ("건너뛰기", "bury"),
            ("내일까지 건너뛰기", "Bury the card until tomorrow"), key_display="-"),
    Command("forget", "x", "forget", ("처음으로", "forget"),
            ("신규 카드로 되돌리기: 기록은 남고 일정은 처음부터 (u로 되돌림)",
             "Back to new: the history stays, the schedule starts over (u undoes)")),
    *(Command(f"flag_{n}", str(n), f"flag({n})", ("깃발", "flag"),
              (f"깃발 {n}", f"Flag {n}"), key_display="0-7" if n == 0 else None,
              show=n == 0, group="flags", palette=False)
      for n in range(8)),
    Command("edit_note", "e", "edit_note", ("메모", "note"),
            ("내 메모 쓰기/고치기 (ctrl+s 저장, 비우면 지움)",
             "Write or edit your note (ctrl+s saves; empty removes it)")),
    Command("save_note", "ctrl+s", "save_note", ("메모 저장", "save note"),
            ("메모 저장", "Save the note"), priority=True),
    Command("cancel_note", "escape", "cancel_note", ("메모 취소", "cancel"),
            ("메모 고치기 취소", "Cancel the note's editing"), palette=False),
    Command("undo", "u", "undo", ("되돌리기", "undo"),
            ("마지막 변경 되돌리기", "Undo the last change")),
    *(
        Command(f"scroll_{how}", key, f"scroll('{how}')", ("스크롤", "scroll"),
                ("스크롤", "Scroll"), show=False, palette=False, group="scroll",
                key_display="arrows pgup pgdn" if how == "up" else None)
        for how, key in (("up", "up"), ("down", "down"), ("page_up", "pageup"),
                         ("page_down", "pagedown"), ("home", "home"), ("end", "end"))
    ),
    _LANGUAGE,
    _HELP,
)

CUSTOM_STUDY_COMMANDS: tuple[Command, ...] = (
    Command("start", "enter", "start", ("시작", "start"),
            ("고른 학습 시작", "Start the chosen study")),
    *(Command(f"move_{name}", key, f"move({step})", ("고르기", "choose"),
              ("위/아래: 고르기", "Choose with up and down"),
              key_display="up/down" if step < 0 else None, show=step < 0, group="choose",
              palette=False, priority=True)  # before the scrolling body's own arrows
      for name, key, step in (("up", "up,k", -1), ("down", "down,j", 1))),
    Command("pick", "space", "pick", ("고르기", "pick"),
            ("주제나 태그를 고르거나 풀기", "Pick or unpick a topic or tag")),
    Command("order", "o", "order", ("새 카드 순서", "new order"),
            ("새 카드 순서: 덱 순서 / 주제 섞기 (저장됨)",
             "New cards in deck order or interleaved across topics (saved)")),
    Command("own", "d", "own", ("내 덱", "own decks"),
            ("내 덱의 새 카드: 먼저 / 나중에 / 섞어서 (저장됨)",
             "Your own decks' new cards first, last or mixed (saved)")),
    Command("more_days", "plus,equals_sign", "days(1)", ("+1일", "+1 day"),
            ("미리 학습할 날 하루 더", "One more day to study ahead"), key_display="+"),
    Command("fewer_days", "minus", "days(-1)", ("-1일", "-1 day"),
            ("미리 학습할 날 하루 덜", "One day fewer to study ahead"), key_display="-"),
    Command("cancel", "escape", "cancel", ("취소", "cancel"),
            ("닫기", "Close")),
    _LANGUAGE,
    _HELP,
)


_QUIT_ANSWERS_KEPT = Command(
    "quit", "q", "quit", ("종료", "quit"),
    ("종료: 이미 한 답은 저장됨 (입력 상자 밖에서; ctrl+q는 어디서나)",
     "Quit; the answers given are kept (outside the answer box; ctrl+q anywhere)"))

INTERVIEW_COMMANDS: tuple[Command, ...] = (
    Command("start", "enter,space", "start", ("시작", "start"),
            ("면접 시작: 첫 질문과 시계가 시작됨", "Start the interview and its clock")),
    Command("shuffle", "r", "shuffle", ("무작위", "random"),
            ("주제를 무작위로 다시 고르기 (시작 전)",
             "Pick the topics at random (before the start)")),
    Command("weakest", "w", "weakest", ("약한 주제", "weakest"),
            ("약한 주제부터 고르기 (시작 전)",
             "Pick the weakest topics first (before the start)")),
    Command("cancel", "escape", "cancel", ("취소", "cancel"),
            ("면접 취소 (시작 전)", "Cancel the interview (before the start)")),
    Command("next", "ctrl+n", "next", ("다음 질문", "next"),
            ("다음 질문으로 (입력 중에도; 빈 상자에서는 enter도)",
             "Next question (also while typing; enter too on an empty box)"), priority=True),
    Command("next_key", "space,enter", "next", ("다음 질문", "next"),
            ("입력 상자 밖에서 다음 질문", "Next question, outside the answer box"),
            show=False, palette=False),
    Command("look_up", "ctrl+r", "look_up", ("정답 보기", "look up"),
            ("이 질문의 모범 답안 보기: 찾아본 것으로 기록됨",
             "Show this question's model answer; the answer is marked as looked up"),
            priority=True),
    Command("leave_answer", "escape", "leave_answer", ("입력 나가기", "leave box"),
            ("입력 상자에서 나가기: 이후 글자 키가 명령이 됨",
             "Leave the answer box, so letter keys become commands"), palette=False),
    Command("edit_answer", "i", "edit_answer", ("입력", "type"),
            ("입력 상자로 돌아가기", "Go back to the answer box"), show=False),
    Command("end", "x", "end", ("끝내기", "end"),
            ("지금 끝내고 결과 보기 (입력 상자 밖에서)",
             "End now and see the report (outside the answer box)")),
    _LANGUAGE,
    _HELP,
    _QUIT_ANSWERS_KEPT,
)

REPORT_COMMANDS: tuple[Command, ...] = (
    Command("done", "enter,escape", "done", ("완료", "done"),
            ("보이는 점수를 내 점수로 저장하고 복습으로",
             "Keep the grades shown and go back to the review")),
    *(Command(f"move_{name}", key, f"move({step})", ("선택", "choose"),
              ("위/아래: 질문 선택", "Choose a question with up and down"),
              key_display="up/down" if step < 0 else None, show=step < 0, group="choose",
              palette=False, priority=True)  # before the scrolling body's own arrows
      for name, key, step in (("up", "up,k", -1), ("down", "down,j", 1))),
    *(Command(f"own_{g}", str(g), f"grade({g})", ("내 점수", "grade"),
              (f"선택한 질문에 내 점수 {g}", f"Give the chosen question your grade {g}"),
              key_display="0-5" if g == 0 else None, show=g == 0, group="own", palette=False)
      for g in range(6)),
    Command("model", "m,ctrl+r", "model", ("모범 답안", "model answer"),
            ("선택한 질문의 모범 답안 보기/숨기기",
             "Show or hide the chosen question's model answer")),
    Command("into_review", "t", "into_review", ("오늘 복습에", "into review"),
            ("가장 약한 답을 오늘 복습에 넣기: 새 카드는 오늘 새 카드 맨 앞으로, 공부한 카드는 "
             "일정 변경 없이 오늘 반복으로",
             "Put the weakest answers into today's review: new cards first among today's new "
             "cards, studied ones as repeats today that keep their schedule")),
    _LANGUAGE,
    _HELP,
    Command("quit", "q", "quit", ("종료", "quit"),
            ("종료: 이미 한 답은 저장됨 (ctrl+q는 어디서나)",
             "Quit; the answers given are kept (ctrl+q anywhere)")),
)


def actions_by_key(commands: Iterable[Command]) -> dict[str, list[str]]:
    """Each key's actions, in the registry's order: a key may serve several (a digit grades
    a card and opens a mistake of the summary), the one enabled at the time acts."""
    actions: dict[str, list[str]] = {}
    for command in commands:
        for key in command.keys.split(","):
            actions.setdefault(key, []).append(command.action)
    return actions


def bindings(commands: Iterable[Command], language: Language) -> list[BindingType]:
    return [command.binding(language) for command in commands]


def relabel(node: DOMNode, commands: Iterable[Command], language: Language) -> None:
    """Swap a node's bindings for the same ones labelled in `language`.

    Textual builds a node's bindings once from BINDINGS; this replaces that map (a private
    attribute, touched only here and covered by a test) so the footer follows the language.
    """
    node._bindings = BindingsMap(bindings(commands, language))
    node.refresh_bindings()
