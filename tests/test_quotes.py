"""Quotation spans in a block of text: a table of cases (reading/quotes.py)."""
import pytest

from crosscheck.reading.quotes import quote_spans


def quoted(text):
    return [text[a:b] for a, b in quote_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" and left.', ['"yes"']),
    ('"We are ready," she said. "The talks go on."', ['"We are ready,"', '"The talks go on."']),
    ("Officials said “about 40” died.", ["“about 40”"]),
    ("Russia's troops didn't move, the troops' commander said.", []),
    ("The aide called it 'a disaster' on Monday.", ["'a disaster'"]),
    # a quotation left open at the end of a block runs to its end (a quote that goes on in the next paragraph)
    ('"We still have far to go. Many dangers lie ahead.', ['"We still have far to go. Many dangers lie ahead.']),
    # one that lost its closing mark before another opens ends with its first sentence
    ('"We still have far to go. In New York, 184 people died. "In the skies they fought," Mr Rumsfeld said.',
     ['"We still have far to go.', '"In the skies they fought,"']),
    # a mark after a word closes, whatever follows
    ('"It was 55 times a day"and more, he said.', ['"It was 55 times a day"']),
])
def test_quote_spans(text, expected):
    assert quoted(text) == expected
