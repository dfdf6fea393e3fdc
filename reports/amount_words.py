"""A sum of money in words, as printed under an invoice's total (Russian and English).

``amount_in_words(Decimal("1234.56"), "ru")`` → "Одна тысяча двести тридцать четыре рубля
56 копеек"; in English "One thousand two hundred thirty-four roubles 56 kopecks". The whole
roubles are spelled out, the kopecks written as two digits, each followed by its noun in the
plural form its number asks for (Russian: 1 рубль, 2–4 рубля, 5–20 рублей; 11–14 always
рублей).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

#: the noun forms per language: (one, few, many) roubles, then kopecks
NOUNS = {
    "ru": (("рубль", "рубля", "рублей"), ("копейка", "копейки", "копеек")),
    "en": (("rouble", "roubles", "roubles"), ("kopeck", "kopecks", "kopecks")),
}


def plural_form(n: int, language: str) -> int:
    """0 (one), 1 (few) or 2 (many): which of a noun's forms follows the number ``n``."""
    if language != "ru":
        return 0 if n == 1 else 2
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def number_in_words(n: int, language: str) -> str:
    """The whole number ``n`` spelled out (English without "and" and commas)."""
    if language == "ru":
        return str(num2words(n, lang="ru"))
    return str(num2words(n, lang="en")).replace(",", "").replace(" and ", " ")


def amount_in_words(amount: Decimal, language: str = "en") -> str:
    """``amount`` (roubles, rounded half-up to the kopeck) in words, capitalized."""
    language = language if language in NOUNS else "en"
    cents = int((abs(Decimal(amount)) * 100).quantize(Decimal(1), ROUND_HALF_UP))
    whole, kopecks = divmod(cents, 100)
    roubles, kop = NOUNS[language]
    words = number_in_words(whole, language)
    text = (
        f"{words} {roubles[plural_form(whole, language)]} "
        f"{kopecks:02d} {kop[plural_form(kopecks, language)]}"
    )
    if amount < 0:
        text = ("минус " if language == "ru" else "minus ") + text
    return text[:1].upper() + text[1:]
