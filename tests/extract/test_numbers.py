"""Reading figures with units (pukara.extract.numbers).

Every sentence in this file is invented for these tests (demo text, English and Spanish);
none is quoted from a report.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pukara.extract.numbers import Quantity, find_quantities


def _one(text: str, language: str | None = "en") -> Quantity:
    found = find_quantities(text, language)
    assert len(found) == 1, found
    return found[0]


def _values(text: str, language: str | None = "en") -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in find_quantities(text, language)]


# ---------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        # invented sentences
        ("Forces destroyed 24,000 hectares of coca.", "en", 24000, "ha"),
        ("Se erradicaron 24.000 hectáreas de coca.", "es", 24000, "ha"),
        ("La superficie llegó a 95 008 hectáreas.", "es", 95008, "ha"),
        ("La superficie llegó a 95\u2009008 hectáreas.", "es", 95008, "ha"),  # thin space
        ("La superficie llegó a 95\u00a0008 hectáreas.", "es", 95008, "ha"),  # no-break space
        ("Monitoring covered 1.4 million hectares.", "en", 1_400_000, "ha"),
        ("El monitoreo cubrió 1,4 millones de hectáreas.", "es", 1_400_000, "ha"),
        ("La meta es de 5 mil hectáreas.", "es", 5000, "ha"),
        ("El Estado destinó 2 mil millones de soles.", "es", 2_000_000_000, "pen"),
        ("Unos 3 mil 500 efectivos llegaron al valle.", "es", 3500, "people"),
        ("Peru spent 1,234,567 dollars.", "en", 1_234_567, "usd"),
        ("Se gastaron 1.234.567,50 soles.", "es", 1_234_567.5, "pen"),
        ("Peru spent 1,234.5 dollars.", "en", 1234.5, "usd"),
        ("El Perú gastó 24,000 soles.", "es", 24000, "pen"),  # Peruvian comma thousands
        ("The road is 1.626 km long.", "en", 1.626, "km"),  # English: a dot is decimal
        ("The army sent 12.000 troops.", "en", 12000, "people"),  # ... but not before "000"
        ("La frontera mide 1.626 kilómetros.", "es", 1626, "km"),
        ("La frontera mide 1.626 kilómetros.", None, 1626, "km"),  # shape decides
        ("The border is 1,626 km long.", "en", 1626, "km"),
        ("Police seized 0.500 kg of paste.", "en", 0.5, "kg"),
    ],
)
def test_number_formats(text: str, language: str | None, value: float, unit: str) -> None:
    q = _one(text, language)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "language", "value", "unit", "original"),
    [
        # invented sentences
        ("Washington gave $85 million to the programme.", "en", 85e6, "usd", "$85 million"),
        ("La UE aportó US$ 43 millones al programa.", "es", 43e6, "usd", "US$ 43 millones"),
        ("The fund holds USD 12m in cash.", "en", 12e6, "usd", "USD 12m"),
        ("Each drum costs S/ 140 to carry.", "en", 140, "pen", "S/ 140"),
        ("Cada bidón cuesta S/. 140 hasta la chacra.", "es", 140, "pen", "S/. 140"),
        ("Cada bidón cuesta 140 soles.", "es", 140, "pen", "140 soles"),
        ("Cada bidón cuesta 140 nuevos soles.", "es", 140, "pen", "140 nuevos soles"),
        ("The EU pledged €3 million for farmers.", "en", 3e6, "eur", "€3 million"),
        ("The network moved $2bn in a decade.", "en", 2e9, "usd", "$2bn"),
        ("Brokers paid $50k per flight.", "en", 50e3, "usd", "$50k"),
        ("The donor gave a million dollars.", "en", 1e6, "usd", "a million dollars"),
        ("El donante entregó un millón de dólares.", "es", 1e6, "usd", "un millón de dólares"),
        ("Los equipos valían S/ 1,4 millones.", "es", 1.4e6, "pen", "S/ 1,4 millones"),
        ("El gobierno asignó medio millón de soles.", "es", 5e5, "pen", "medio millón de soles"),
        ("Laundering reached 85 million US dollars.", "en", 85e6, "usd", "85 million US dollars"),
    ],
)
def test_money(text: str, language: str, value: float, unit: str, original: str) -> None:
    q = _one(text, language)
    assert (q.value, q.unit, q.original) == (pytest.approx(value), unit, original)
    assert text[q.start : q.end] == original


# ---------------------------------------------------------------- units and conversions


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        # invented sentences
        ("Coca covers 54 percent of the valley.", "en", 54, "percent"),
        ("Coca covers 54 per cent of the valley.", "en", 54, "percent"),
        ("Coca covers 54% of the valley.", "en", 54, "percent"),
        ("Coca covers 54 % of the valley.", "en", 54, "percent"),
        ("La coca cubre el 54 por ciento del valle.", "es", 54, "percent"),
        ("Police seized 1.5 tonnes of cocaine.", "en", 1.5, "t"),
        ("Peru produced 810 metric tons of cocaine.", "en", 810, "t"),
        ("La policía incautó 2 toneladas de cocaína.", "es", 2, "t"),
        ("Se hallaron 350 kilos de pasta básica.", "es", 350, "kg"),
        ("Officers found 3.2 kg of heroin.", "en", 3.2, "kg"),
        ("Officers found 3.2kg of heroin.", "en", 3.2, "kg"),
        ("The land border runs 1,626 km.", "en", 1626, "km"),
        ("Mining cleared 4,000 hectares.", "en", 4000, "ha"),
        ("La minería arrasó 4 mil hectáreas.", "es", 4000, "ha"),
        ("La minería arrasó 300 has. en Huepetuhe.", "es", 300, "ha"),
        ("The homicide rate was 12 per 100,000.", "en", 12, "per_100k"),
        ("There were 12 homicides per 100,000 inhabitants.", "en", 12, "per_100k"),
        ("La tasa fue de 7,5 por cada 100 mil habitantes.", "es", 7.5, "per_100k"),
        ("Agents seized 100 pounds of cocaine.", "en", 45.359237, "kg"),
        ("Agents seized 500 grams of heroin.", "en", 0.5, "kg"),
        ("The concession spans 5 km2 of forest.", "en", 500, "ha"),
        ("The farm spans 10 acres.", "en", 4.0468564, "ha"),
        ("Mining ate 3 square kilometres of forest.", "en", 300, "ha"),
        ("It lies 10 miles from the border.", "en", 16.09344, "km"),
        ("a 1,500-km border with Colombia", "en", 1500, "km"),
        ("Police seized two tons of cocaine.", "en", 2, "t"),
        ("La policía incautó dos toneladas de cocaína.", "es", 2, "t"),
    ],
)
def test_units(text: str, language: str, value: float, unit: str) -> None:
    q = _one(text, language)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_other_units_keep_their_subunit() -> None:
    # invented sentence
    q = _one("Officers seized 1,200 gallons of fuel.")
    assert (q.unit, q.subunit) == ("other", "l")
    assert q.value == 1200  # as written: the contract has no field for the sub-unit
    q = _one("Se decomisaron 3.100 metros cúbicos de madera.", "es")
    assert (q.unit, q.subunit, q.value) == ("other", "m3", 3100)


def test_sentence_final_abbreviation_keeps_its_full_stop_out() -> None:
    # invented sentence
    q = _one("La minería arrasó 300 ha.", "es")
    assert q.original == "300 ha"


# ---------------------------------------------------------------- counts and people


@pytest.mark.parametrize(
    ("text", "language", "value", "unit", "noun"),
    [
        # invented sentences
        ("They run about 300 clandestine laboratories.", "en", 300, "count", "laboratories"),
        ("Sources counted 72 illegal air strips.", "en", 72, "count", "air strips"),
        ("Sources counted 72 illegal airstrips.", "en", 72, "count", "airstrips"),
        (
            "Se identificaron 72 pistas de aterrizaje clandestinas.",
            "es",
            72,
            "count",
            "pistas de aterrizaje",
        ),
        ("Radar tracked 40 flights to Bolivia.", "en", 40, "count", "flights"),
        ("La Marina destruyó 17 dragas.", "es", 17, "count", "dragas"),
        ("Navy crews destroyed 17 illegal gold-mining dredges.", "en", 17, "count", "dredges"),
        ("Police carried out 14 operations.", "en", 14, "count", "operations"),
        ("Hubo 23 detenidos.", "es", 23, "people", "detenidos"),
        ("Some 75,000 farmers joined.", "en", 75000, "people", "farmers"),
        ("Rebels killed 65 police agents and Army soldiers.", "en", 65, "people", "police agents"),
        ("The army sent 2,000 troops.", "en", 2000, "people", "troops"),
        ("El grupo tiene 300 miembros armados.", "es", 300, "people", "miembros"),
        ("Llegaron 600 efectivos.", "es", 600, "people", "efectivos"),
        ("Unos 450 campesinos marcharon.", "es", 450, "people", "campesinos"),
        ("Around 1,200 families left.", "en", 1200, "people", "families"),
        ("Dissidents recruited 30 armed militants.", "en", 30, "people", "militants"),
        ("The front has 120 fighters.", "en", 120, "people", "fighters"),
        ("There are 1,500 personas afectadas.", "es", 1500, "people", "personas"),
        (
            "Only one laboratory remained, and a dozen soldiers guarded it.",
            "en",
            12,
            "people",
            "soldiers",
        ),
        ("Llegaron treinta y cinco soldados.", "es", 35, "people", "soldados"),
        ("Some twenty-five police officers arrived.", "en", 25, "people", "police officers"),
        ("About two hundred soldiers arrived.", "en", 200, "people", "soldiers"),
        ("Some 2000 soldiers arrived.", "en", 2000, "people", "soldiers"),
    ],
)
def test_counted_nouns(text: str, language: str, value: float, unit: str, noun: str) -> None:
    q = _one(text, language)
    assert (q.value, q.unit, q.noun) == (value, unit, noun)


# ---------------------------------------------------------------- ranges and borrowed units


@pytest.mark.parametrize(
    ("text", "language", "low", "high", "unit", "original"),
    [
        # invented sentences
        ("The faction has 200-300 adherents.", "en", 200, 300, "people", "200-300 adherents"),
        ("The faction has 200–300 adherents.", "en", 200, 300, "people", "200–300 adherents"),
        (
            "The faction has between 200 and 300 fighters.",
            "en",
            200,
            300,
            "people",
            "between 200 and 300 fighters",
        ),
        (
            "El grupo tiene entre 200 y 300 combatientes.",
            "es",
            200,
            300,
            "people",
            "entre 200 y 300 combatientes",
        ),
        ("Each plane carries 300 to 400 kilos.", "en", 300, 400, "kg", "300 to 400 kilos"),
        ("Plots cover one to three hectares.", "en", 1, 3, "ha", "one to three hectares"),
        ("They found two or three labs.", "en", 2, 3, "count", "two or three labs"),
        ("The budget is $5-10 million.", "en", 5e6, 10e6, "usd", "$5-10 million"),
        (
            "Coca covers between 1.2 and 1.5 million hectares.",
            "en",
            1.2e6,
            1.5e6,
            "ha",
            "between 1.2 and 1.5 million hectares",
        ),
    ],
)
def test_ranges(
    text: str, language: str, low: float, high: float, unit: str, original: str
) -> None:
    q = _one(text, language)
    assert (q.value, q.value_max, q.unit, q.original) == (
        pytest.approx(low),
        pytest.approx(high),
        unit,
        original,
    )


def test_a_change_from_one_figure_to_another_gives_two_figures() -> None:
    # invented sentences
    assert _values("Coca rose from 5,900 to 7,400 hectares.") == [(5900, "ha"), (7400, "ha")]
    assert _values("La coca pasó de 5.900 a 7.400 hectáreas.", "es") == [(5900, "ha"), (7400, "ha")]


def test_a_bare_number_borrows_the_unit_of_its_neighbour() -> None:
    # invented sentences
    assert _values("Coca rose to 7,400 hectares, from 5,900 in 2023.") == [
        (7400, "ha"),
        (5900, "ha"),
    ]
    assert _values("Crews cleared 300 hectares in 2013 and 500 in 2014.") == [
        (300, "ha"),
        (500, "ha"),
    ]
    assert _values("Seizures were 12, 15 and 20 tonnes.") == [(12, "t"), (15, "t"), (20, "t")]


def test_borrowing_stops_at_a_word_that_counts_something_else() -> None:
    # invented sentence: "two days" is not two kilometres
    assert _values("Plots lie above 1,500 metres, up to two days' walk away.") == [(1.5, "km")]
    # invented sentence: 300 is not a share
    assert _values("Of the 300, 20 percent were new.") == [(20, "percent")]


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        # invented sentences
        "Eradication began in 2013.",
        "Colombia's 2016 peace accords changed the border.",
        "Los acuerdos de paz de 2016 cambiaron la frontera.",
        "The minister spoke on Jan. 4, 2014 in Lima.",
        "El ministro habló el 4 de enero en Lima.",
        "El ministro habló el 4 de enero de 2014.",
        "The minister spoke on 4 January.",
        "The patrol left at 10:30 and returned at 18:45.",
        "It was the first time, the 2nd attempt and the 3rd raid.",
        "El 1º de mayo y el 2do operativo.",
        "Frente 48 controls the river.",
        "Route 5 police checkpoint.",
        "El Decreto Supremo 012-2023 prorrogó la emergencia.",
        "La Ley 30424 fue modificada.",
        "Call 555-1234 or +51 1 234 5678 for tips.",
        "Browse latest Browse all 593",
        "Article 3 sets the penalty.",
        "A 45-year-old farmer was detained.",
        "A two-year operation led to the arrest.",
        "In 2012 police captured him, and in 2013 security forces left.",
        "The 1990s were violent.",
        "Page 12 lists the cases.",
        "N° 5 del expediente.",
        "One of the labs was new.",
        "Police said 300 were new.",
        "Temperatures reach 25°C.",
        "Five years of operations ended.",
        "The 2014 operations failed.",
    ],
)
@pytest.mark.parametrize("language", ["en", "es", None])
def test_not_quantities(text: str, language: str | None) -> None:
    assert find_quantities(text, language) == []


def test_list_markers_are_not_counts() -> None:
    # invented text
    text = "Tags\n1. Laboratories destroyed\n2. Airstrips\n3) Flights"
    assert find_quantities(text, "en") == []


def test_a_year_shaped_number_with_a_unit_is_a_quantity() -> None:
    # invented sentences
    assert _values("Crews cleared 2000 hectares.") == [(2000, "ha")]
    assert _values("Crews cleared the area in 2000 hectares later.") == []


def test_the_number_word_once_is_spanish_only_when_the_language_says_so() -> None:
    # invented sentences
    assert find_quantities("Once soldiers arrived, they left.", None) == []
    assert _values("Llegaron once soldados.", "es") == [(11, "people")]


def test_metres_are_not_millions_without_money() -> None:
    # invented sentences
    assert _values("A 30 m tunnel.") == [(0.03, "km")]
    assert _values("The gang laundered $5m.") == [(5e6, "usd")]
    assert _values("The city has 5m people.") == [(5e6, "people")]


def test_spans_are_exact_and_in_order() -> None:
    # invented sentence
    text = "In 2013 forces destroyed 24,000 hectares, seized 1.5 tonnes and arrested 12 people."
    found = find_quantities(text, "en")
    assert [q.original for q in found] == ["24,000 hectares", "1.5 tonnes", "12 people"]
    assert all(text[q.start : q.end] == q.original for q in found)
    assert [q.start for q in found] == sorted(q.start for q in found)


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["en", "es", None]))
def test_any_text_gives_well_formed_quantities(text: str, language: str | None) -> None:
    for q in find_quantities(text, language):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.original
        assert q.value_max is None or q.value_max > q.value


_NUMBERISH = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-–$%/:kmMtS abyoe\u00a0\u2009hectáreas")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH, st.sampled_from(["en", "es", None]))
def test_number_soup_never_breaks_the_reader(text: str, language: str | None) -> None:
    for q in find_quantities(text, language):
        assert text[q.start : q.end] == q.original


@given(st.integers(min_value=0, max_value=10**12))
def test_english_thousands_round_trip(n: int) -> None:
    text = f"Crews cleared {n:,} hectares."  # invented sentence
    q = _one(text, "en")
    assert q.value == n
    assert _one(text, None).value == n


@given(st.integers(min_value=0, max_value=10**12))
def test_spanish_thousands_round_trip(n: int) -> None:
    formatted = f"{n:,}".replace(",", ".")
    text = f"Se erradicaron {formatted} hectáreas."  # invented sentence
    assert _one(text, "es").value == n
    assert _one(text, None).value == n


# ---------------------------------------------------------------- issue 10: figures as written


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        # invented sentences: a converted figure in brackets is the same figure
        ("Agents found 3 metric tons (3.3 tons) of cocaine.", "en", 3, "t"),
        ("Agents found 40 pounds (18 kilograms) of cocaine.", "en", 18, "kg"),
        ("Coca grew to 1,000 hectares (2,471 acres) last year.", "en", 1000, "ha"),
        ("Coca grew to 2,471 acres (1,000 hectares) last year.", "en", 1000, "ha"),
        ("The road runs 62 miles (100 km) to the river.", "en", 100, "km"),
    ],
)
def test_a_conversion_in_brackets_is_one_figure(
    text: str, language: str, value: float, unit: str
) -> None:
    q = _one(text, language)
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert "(" in q.original and q.original.endswith(")")


def test_different_currencies_in_brackets_stay_two_figures() -> None:
    # invented sentence: an exchange is two amounts, not a unit conversion
    assert _values("They seized S/ 70,000 (US$ 20,000) in cash.") == [
        (70000, "pen"),
        (20000, "usd"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        # invented sentences
        ("La coca bajó en Cusco con -6% y en Puno con −4%.", "es", -6),
        ("Coca changed by -8 percent.", "en", -8),
    ],
)
def test_a_minus_sign_before_a_figure_makes_it_negative(
    text: str, language: str, value: float
) -> None:
    assert find_quantities(text, language)[0].value == value


def test_a_dash_between_two_figures_is_still_a_range() -> None:
    # invented sentence
    q = _one("Coca fell 10 -15% in the valley.")
    assert (q.value, q.value_max) == (10, 15)


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        # invented sentences
        ("Se halló más de una tonelada de cocaína.", "es", 1, "t"),
        ("Se halló un kilo de pasta básica.", "es", 1, "kg"),
        ("Crews found one tonne of cocaine.", "en", 1, "t"),
        ("Murieron más de una decena de trabajadores.", "es", 10, "people"),
        ("Al menos seis obreros fueron asesinados.", "es", 6, "people"),
        ("El radar detectó 175 “narcovuelos” desde Bolivia.", "es", 175, "count"),
        ("A radar detected 175 “narcoflights” from Bolivia.", "en", 175, "count"),
        ("Se evitaron 3188 millones de dosis.", "es", 3_188_000_000, "count"),
        ("Nearly 70,000 Peruvian Sol were seized.", "en", 70000, "pen"),
        ("El precio se multiplicó siete veces.", "es", 7, "other"),
        ("Prices are five times higher now.", "en", 5, "other"),
        ("El campamento está a 5400 metros de altura.", "es", 5400, "other"),
        ("The camp lies 5,100 metres above sea level.", "en", 5100, "other"),
        ("Se erradicaron 1,200 hs. de coca.", "es", 1200, "ha"),
        ("El monto asciende a 1,250.000.00 soles.", "es", 1_250_000, "pen"),
        ("Se incautó S/ 2'500,000 en efectivo.", "es", 2_500_000, "pen"),
        ("La droga vale S/ 1’200,000.50 en Lima.", "es", 1_200_000.5, "pen"),
        ("Se destruyeron 21 maquinarias en el río.", "es", 21, "count"),
    ],
)
def test_more_ways_to_write_a_figure(text: str, language: str, value: float, unit: str) -> None:
    q = _one(text, language)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_one_unit_before_a_price_is_its_basis_not_an_amount() -> None:
    # invented sentence
    assert _values("Un kilo de látex se paga S/ 3.000 en la zona.", "es") == [(3000, "pen")]


def test_a_list_of_counts_may_hold_one_item_with_an_article() -> None:
    # invented sentences
    assert _values(
        "Fueron detenidos cuatro colombianos, dos argentinos, un mexicano y siete peruanos.", "es"
    ) == [
        (4, "people"),
        (2, "people"),
        (1, "people"),
        (7, "people"),
    ]
    assert _values("They seized two trucks and a trailer.") == [(2, "count"), (1, "count")]
    assert _values("A soldier died.") == []  # an article alone is not a figure


@pytest.mark.parametrize(
    "text",
    [
        # invented sentences: plural words after a number that count nothing
        "Fue detenido 3 veces en Lima.",
        "The faction is led by two brothers, Juan and Pedro.",
        "Los 10 primeros llegaron ayer.",
        "It happened 4 times.",
    ],
)
def test_an_unknown_plural_word_counts_things_unless_it_cannot(text: str) -> None:
    lang = "en" if text.split()[0] in {"The", "It"} else "es"
    assert [q for q in find_quantities(text, lang) if q.unit == "count"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # invented texts: the text's own way of grouping thousands decides what a dot is
        ("Se incautaron 265,000 soles. El cargamento pesaba 12.450 kilogramos.", 12.45),
        ("Se incautaron 1.265.000 soles. El cargamento pesaba 12.450 kilogramos.", 12450),
        ("Se incautaron 2,5 toneladas. El cargamento pesaba 12.450 kilogramos.", 12450),
        ("El cargamento pesaba 12.450 kilogramos.", 12450),
    ],
)
def test_a_dot_reads_by_the_texts_convention(text: str, value: float) -> None:
    from pukara.extract.numbers import number_convention

    found = find_quantities(text, "es", number_convention(text))
    assert found[-1].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # invented sentences
        ("Crews destroyed 54 airstrips, but 19 of them were rebuilt.", "en",
         [(54, "count"), (19, "count")]),
        ("El frente tiene 300 miembros, unos 60 de ellos armados.", "es",
         [(300, "people"), (60, "people")]),
        ("The emergency was extended for 60 days.", "en", [(60, "other")]),
        ("Rige por un plazo de 60 días calendario.", "es", [(60, "other")]),
        ("Llegó hace 5 días al valle.", "es", []),  # a lapse, not a stated term
        ("They found 2 gold-buying shops.", "en", [(2, "count")]),
    ],
)  # fmt: skip
def test_parts_terms_and_modified_nouns(
    text: str, language: str, expected: list[tuple[float, str]]
) -> None:
    assert _values(text, language) == expected
