"""The words of the mock interview, in Korean and English: shared by the Markdown report
and the interview screens (whose `tr()` includes them). Plain strings only, no markup, and
no ambiguous-width glyphs (see tui/text.py); a module of its own so that the app can load
them at start-up without the interview's code.
"""

from __future__ import annotations

NOUNS: dict[str, tuple[str, str, str]] = {
    # key: (ko, en singular, en plural) templates of {n}, for base.language.counted
    "iv.mains": ("메인 질문 {n}개", "{n} main question", "{n} main questions"),
    "iv.questions": ("꼬리 질문까지 {n}문항", "{n} question", "{n} questions with their "
                     "follow-ups"),
}

LABELS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "iv.title": ("모의 면접", "Mock interview"),
    "iv.progress": ("질문 {n}/{total}, 메인 질문 {main}/{mains}",
                    "question {n} of {total}, main question {main} of {mains}"),
    # shorter forms where the long one does not fit (tui/screens/interview.py)
    "iv.progress.short": ("질문 {n}/{total}, 메인 {main}/{mains}",
                          "{n}/{total}, main {main}/{mains}"),
    "iv.progress.shortest": ("{n}/{total}", "{n}/{total}"),
    "iv.kind.main": ("메인 질문", "main question"),
    "iv.kind.follow_up": ("꼬리 질문", "follow-up"),
    "iv.chain": ("앞선 질문", "Asked so far"),
    "iv.placeholder": ("메모나 답을 적거나 말로 답하세요. 빈 상자에서 enter: 다음 질문",
                       "Type notes or the answer, or answer aloud. enter on an empty box: "
                       "next question"),
    "iv.hint": ("ctrl+n 다음 질문, ctrl+r 모범 답안 보기 (찾아본 것으로 기록), esc 입력 나가기, "
                "space/enter 다음 질문 (입력 밖에서)",
                "ctrl+n next question, ctrl+r shows the model answer (marked as looked up), "
                "esc leaves the box, then space/enter moves on"),
    "iv.over": ("시간 초과", "over time"),
    "iv.left": ("남은 시간", "time left"),
    "iv.looked_up": ("찾아봄", "looked up"),
    "iv.intro.plan": ("{mains}, {total}, 제한 시간 합계 {time} ({order})",
                      "{mains}, {total}, {time} in all ({order})"),  # NOUNS' counts
    "iv.intro.limits": ("메인 질문 {main}, 꼬리 질문 {follow_up}씩. 시간이 지나도 끊기지 "
                        "않고 초과 시간이 표시됩니다.",
                        "{main} for a main question, {follow_up} for a follow-up; the clock "
                        "shows the overtime and never cuts you off."),
    "iv.intro.keys": ("enter: 시작 (시계가 시작됩니다), r: 무작위로 다시 고르기, "
                      "w: 약한 주제부터, esc: 취소",
                      "enter starts (and the clock), r picks at random, w picks the weakest "
                      "first, esc cancels"),
    "iv.intro.main": ("{n}. {card}  {question}  (꼬리 질문 {follow_ups}개)",
                      "{n}. {card}  {question}  (follow-ups: {follow_ups})"),
    "iv.choosing": ("질문을 고르는 중입니다 ({order})...", "Choosing the questions ({order})..."),
    "iv.order.weakest": ("약한 주제부터", "weakest first"),
    "iv.order.random": ("무작위", "at random"),
    "rep.title": ("모의 면접 결과", "Mock interview report"),
    "rep.heading": ("모의 면접, {when}", "Mock interview, {when}"),
    "rep.summary": ("메인 질문 {mains}개, 답한 질문 {answered}/{total}, 소요 {time} "
                    "(제한 {limit}); 시간 초과 {over}, 찾아봄 {looked}",
                    "main questions: {mains}; questions answered: {answered} of {total}, in "
                    "{time} (limit {limit}); over time: {over}; looked up: {looked}"),
    "rep.columns": ("#|카드|질문|시간|제한|핵심|오개념|추천|내 점수",
                    "#|card|question|time|limit|core|traps|suggested|grade"),
    "rep.line": ("시간 {time}/{limit}{over}. {reason}. 내 점수: {grade}{own}.{looked}",
                 "Time {time} of {limit}{over}. {reason}. Your grade: {grade}{own}.{looked}"),
    "rep.line.over": (" ({time} 초과)", " ({time} over)"),
    "rep.line.suggested": (" (추천 그대로)", " (the suggestion)"),
    "rep.line.looked": (" 면접 중에 모범 답안을 봤습니다.",
                        " The model answer was looked up during the interview."),
    "rep.answer": ("내 답", "Your answer"),
    "rep.nothing": ("(적은 답 없음: 말로 답함)", "(nothing typed: answered aloud)"),
    "rep.points": ("핵심 포인트", "Key points"),
    "rep.core": ("핵심", "core"),
    "rep.extra": ("추가", "extra"),
    "rep.trap": ("오개념: 답에 '{says}'라고 했지만, 사실은 {fix}",
                 "Misconception: your answer says {says}; in fact, {fix}"),
    "rep.model": ("모범 답안", "Model answer"),
    "rep.weakest": ("가장 약한 답", "Weakest answers"),
    "rep.weakest.line": ("{card}, {grade}점: {question}", "{card}, grade {grade}: {question}"),
    "rep.weakest.none": ("4점 미만인 답이 없습니다.", "No answer is graded below 4."),
    "rep.unanswered": ("답하지 않은 질문 {n}개", "{n} question(s) not reached"),
    "rp.own": ("내 점수 {grade}", "grade {grade}"),
    "rp.own.suggested": ("내 점수 {grade} (추천)", "grade {grade} (suggested)"),
    "rp.core": ("핵심 {core}/{core_total}", "core {core}/{core_total}"),
    "rp.traps": ("오개념 {traps}", "traps {traps}"),
    "rp.suggests": ("추천 {suggested}", "suggests {suggested}"),
    "rp.into_review": ("t: 이 {n}개를 오늘 복습에 넣기 (새 카드는 앞당기고, 공부한 카드는 "
                       "일정 변경 없이 반복)",
                       "t puts these {n} into today's review (new cards moved forward, "
                       "studied ones as repeats that keep their schedule)"),
    "rp.into_review.forward": ("새 카드로 앞당김: {cards}", "moved forward as new cards: {cards}"),
    "rp.into_review.repeats": ("반복으로 다시: {cards}", "asked again as repeats: {cards}"),
    "rp.into_review.done": ("오늘 복습에 넣었습니다. {what}", "Into today's review: {what}."),
    "rp.into_review.already": ("이미 오늘 복습에 있습니다.", "Already in today's review."),
    "rp.model_hidden": ("모범 답안: m으로 보기", "Model answer: m shows it"),
    "rp.hint": ("위/아래: 질문 선택, 0-5: 내 점수, m: 모범 답안, t: 오늘 복습에 넣기, "
                "enter/esc: 완료",
                "up/down chooses a question, 0-5 gives your grade, m the model answer, "
                "t into today's review, enter/esc done"),
    "rp.write_failed": ("보고서를 {path}에 쓰지 못했습니다: {error}",
                        "Could not write the report to {path}: {error}"),
}
