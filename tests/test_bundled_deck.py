"""The bundled deck: the 64 seed questions, complete in both languages."""

from __future__ import annotations

import re

import pytest

from dlflash.cli import main
from dlflash.deck.loader import DeckSource, bundled_deck_dir, load_decks
from dlflash.deck.model import Deck

# The original Korean list (Sedong Nam, 2018): id and verbatim question.
SEED: tuple[tuple[str, str], ...] = (
    ('q01', '요즘 Sigmoid 보다 ReLU를 많이 쓰는데 그 이유는?'),
    ('q01.1', 'Non-Linearity라는 말의 의미와 그 필요성은?'),
    ('q01.2', 'ReLU로 어떻게 곡선 함수를 근사하나?'),
    ('q01.3', 'ReLU의 문제점은?'),
    ('q01.4', 'Bias는 왜 있는걸까?'),
    ('q02', 'Gradient Descent에 대해서 쉽게 설명한다면?'),
    ('q02.1', '왜 꼭 Gradient를 써야 할까?'),
    ('q02.2', '그 그래프에서 가로축과 세로축 각각은 무엇인가?'),
    ('q02.3', '실제 상황에서는 그 그래프가 어떻게 그려질까?'),
    ('q02.4', 'GD 중에 때때로 Loss가 증가하는 이유는?'),
    ('q02.5', '중학생이 이해할 수 있게 더 쉽게 설명 한다면?'),
    ('q02.6', 'Back Propagation에 대해서 쉽게 설명 한다면?'),
    ('q03', 'Local Minima 문제에도 불구하고 딥러닝이 잘 되는 이유는?'),
    ('q03.1', 'GD가 Local Minima 문제를 피하는 방법은?'),
    ('q03.2', '찾은 해가 Global Minimum인지 아닌지 알 수 있는 방법은?'),
    ('q04', 'CNN에 대해서 아는대로 얘기하라'),
    ('q04.1', 'CNN이 MLP보다 좋은 이유는?'),
    ('q04.2', '어떤 CNN의 파라메터 개수를 계산해 본다면?'),
    ('q04.3', '주어진 CNN과 똑같은 MLP를 만들 수 있나?'),
    ('q04.4', '풀링시에 만약 Max를 사용한다면 그 이유는?'),
    ('q04.5', '시퀀스 데이터에 CNN을 적용하는 것이 가능할까?'),
    ('q05', 'Word2Vec의 원리는?'),
    ('q05.1', '그 그림에서 왼쪽 파라메터들을 임베딩으로 쓰는 이유는?'),
    ('q05.2', '그 그림에서 오른쪽 파라메터들의 의미는 무엇일까?'),
    ('q05.3', '남자와 여자가 가까울까? 남자와 자동차가 가까울까?'),
    ('q05.4', '번역을 Unsupervised로 할 수 있을까?'),
    ('q06', 'Auto Encoder에 대해서 아는대로 얘기하라'),
    ('q06.1', 'MNIST AE를 TF나 Keras등으로 만든다면 몇줄일까?'),
    ('q06.2', 'MNIST에 대해서 임베딩 차원을 1로 해도 학습이 될까?'),
    ('q06.3', '임베딩 차원을 늘렸을 때의 장단점은?'),
    ('q06.4', 'AE 학습시 항상 Loss를 0으로 만들수 있을까?'),
    ('q06.5', 'VAE는 무엇인가?'),
    ('q07', 'Training 세트와 Test 세트를 분리하는 이유는?'),
    ('q07.1', 'Validation 세트가 따로 있는 이유는?'),
    ('q07.2', 'Test 세트가 오염되었다는 말의 뜻은?'),
    ('q07.3', 'Regularization이란 무엇인가?'),
    ('q08', 'Batch Normalization의 효과는?'),
    ('q08.1', 'Dropout의 효과는?'),
    ('q08.2', 'BN 적용해서 학습 이후 실제 사용시에 주의할 점은? 코드로는?'),
    ('q08.3', 'GAN에서 Generator 쪽에도 BN을 적용해도 될까?'),
    ('q09', 'SGD, RMSprop, Adam에 대해서 아는대로 설명한다면?'),
    ('q09.1', 'SGD에서 Stochastic의 의미는?'),
    ('q09.2', '미니배치를 작게 할때의 장단점은?'),
    ('q09.3', '모멘텀의 수식을 적어 본다면?'),
    ('q10', '간단한 MNIST 분류기를 MLP+CPU 버전으로 numpy로 만든다면 몇줄일까?'),
    ('q10.1', '어느 정도 돌아가는 녀석을 작성하기까지 몇시간 정도 걸릴까?'),
    ('q10.2', 'Back Propagation은 몇줄인가?'),
    ('q10.3', 'CNN으로 바꾼다면 얼마나 추가될까?'),
    ('q11', '간단한 MNIST 분류기를 TF나 Keras 등으로 작성하는데 몇시간이 필요한가?'),
    ('q11.1', 'CNN이 아닌 MLP로 해도 잘 될까?'),
    ('q11.2', '마지막 레이어 부분에 대해서 설명 한다면?'),
    ('q11.3', '학습은 BCE loss로 하되 상황을 MSE loss로 보고 싶다면?'),
    ('q11.4', '만약 한글 (인쇄물) OCR을 만든다면 데이터 수집은 어떻게 할 수 있을까?'),
    ('q12', '간단한 MNIST DCGAN을 작성한다면 TF 등으로 몇줄 정도 될까?'),
    ('q12.1', 'GAN의 Loss를 적어보면?'),
    ('q12.2', 'D를 학습할때 G의 Weight을 고정해야 한다. 방법은?'),
    ('q12.3', '학습이 잘 안될때 시도해 볼 수 있는 방법들은?'),
    ('q13', '딥러닝할 때 GPU를 쓰면 좋은 이유는?'),
    ('q13.1', '학습 중인데 GPU를 100% 사용하지 않고 있다. 이유는?'),
    ('q13.2', 'GPU를 두개 다 쓰고 싶다. 방법은?'),
    ('q13.3', '학습시 필요한 GPU 메모리는 어떻게 계산하는가?'),
    ('q14', 'TF 또는 Keras 등을 사용할 때 디버깅 노하우는?'),
    ('q15', 'Collaborative Filtering에 대해 설명한다면?'),
    ('q16', 'AutoML이 뭐하는 걸까?'),
)


@pytest.fixture(scope="module")
def deck() -> Deck:
    loaded, problems = load_decks([DeckSource(bundled_deck_dir(), bundled=True)])
    assert problems == []
    return loaded


def test_exactly_the_seed_cards_in_order(deck: Deck) -> None:
    assert [card.id for card in deck.cards] == [card_id for card_id, _ in SEED]


def test_korean_questions_are_verbatim(deck: Deck) -> None:
    for card_id, question in SEED:
        assert deck.by_id[card_id].question.ko == question, card_id


def test_both_languages_everywhere(deck: Deck) -> None:
    for card in deck.cards:
        for text in (card.question, card.answer, card.topic,
                     *(point.text for point in card.key_points)):
            assert text.ko and text.en, card.id


def test_key_points_and_keywords(deck: Deck) -> None:
    for card in deck.cards:
        assert 3 <= len(card.key_points) <= 6, card.id
        for point in card.key_points:
            assert point.keywords and all(k.strip() for k in point.keywords), card.id


def test_follow_ups_name_their_main_question(deck: Deck) -> None:
    for card in deck.cards:
        main_id = card.id.split(".")[0]
        assert card.parent == (None if card.id == main_id else main_id), card.id


def test_one_file_per_main_question() -> None:
    files = sorted(p.name for p in bundled_deck_dir().glob("*.yaml"))
    assert len(files) == 16
    assert [f[:3] for f in files] == [f"q{i:02}" for i in range(1, 17)]


def test_answers_are_reviewable_and_terminal_friendly(deck: Deck) -> None:
    for card in deck.cards:
        words = len(card.answer.en.split())
        assert 100 <= words <= 400, (card.id, words)
        for text in (card.answer.ko, card.answer.en):
            assert not re.search(r"\\(frac|sum|cdot|mathbf|theta)|\$[^$\n]+\$", text), card.id
            prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
            assert not re.search(r"^#", prose, re.MULTILINE), card.id  # no headings
            assert text.count("```") % 2 == 0, card.id


def test_validate_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(bundled_deck_dir())]) == 0
    assert capsys.readouterr().out.strip() == "OK: 64 cards in 16 files."


def test_code_lines_fit_an_80_column_terminal() -> None:
    # 76 cells, counting Hangul as two: the pane's padding and border take the rest.
    import unicodedata

    def cells(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    deck, _ = load_decks([DeckSource(bundled_deck_dir(), bundled=True)])
    long_lines = []
    for card in deck.cards:
        for language in ("ko", "en"):
            fenced = False
            for line in card.answer.get(language).splitlines():
                if line.strip().startswith("```"):
                    fenced = not fenced
                elif fenced and cells(line) > 76:
                    long_lines.append(f"{card.id} ({language}): {line}")
    assert not long_lines, "\n".join(long_lines)


def test_no_trap_fires_on_what_the_card_itself_says(deck: Deck) -> None:
    """A card's model answer, key points and corrections are right answers: a trap that fires
    on them would cap a candidate who says the same at 2."""
    from dlflash.judge.verdict import judge

    fired = []
    for card in deck.cards:
        for language in ("ko", "en"):
            texts = [card.answer.get(language), *(p.text.get(language) for p in card.key_points),
                     *(t.fix.get(language) for t in card.traps)]
            for text in texts:
                fired += [f"{card.id} {language}: {card.traps[hit.trap].says.get('en')!r} on "
                          f"{hit.sentence[:70]!r}" for hit in judge(card, text).traps]
    assert not fired, "\n".join(fired)
