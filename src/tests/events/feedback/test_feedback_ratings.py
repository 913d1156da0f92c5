"""The generic rating pieces in glasnik.core.ratings that feedback (and later surveys) use."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from glasnik.core.ratings import RatingField, RatingSummary, rating_choices, rating_summaries
from glasnik.events.models import FeedbackResponse


def test_five_point_choices_have_words():
    assert [label for _value, label in rating_choices()] == [
        "1 – poor",
        "2 – fair",
        "3 – good",
        "4 – very good",
        "5 – excellent",
    ]
    assert rating_choices(low=0, high=2) == [(0, "0"), (1, "1"), (2, "2")]
    with pytest.raises(ValueError, match="one label per value"):
        rating_choices(low=1, high=3, labels=["a", "b"])


def test_a_field_built_under_one_language_shows_its_words_in_the_page_s_language():
    with translation.override("sr"):
        field = RatingField()  # as when a form's module is first imported by a Serbian page

    assert str(field.choices[0][1]) == "1 – poor"
    with translation.override("sr"):
        assert str(field.choices[4][1]) == "5 – одлично"


def test_required_rating_field_cleans_to_an_int_and_says_what_is_missing():
    field = RatingField()

    assert field.clean("4") == 4
    with pytest.raises(ValidationError, match="Choose one of the ratings"):
        field.clean("")
    with pytest.raises(ValidationError, match="Select a valid choice"):
        field.clean("6")
    assert field.widget.use_fieldset is True


def test_optional_rating_field_offers_no_answer():
    field = RatingField(required=False, empty_label="No rating")

    assert field.clean("") is None
    assert field.choices[-1] == ("", "No rating")


def test_summary_average_rounds_half_up_and_rows_size_bars_by_the_most_frequent():
    summary = RatingSummary(distribution={5: 1, 4: 1, 3: 1, 2: 0, 1: 5})

    assert summary.count == 8
    assert summary.average == Decimal("2.13")  # 17 / 8 = 2.125
    assert summary.rows[0] == {"score": 5, "count": 1, "percent": 12, "bar": 20}
    assert summary.rows[-1] == {"score": 1, "count": 5, "percent": 62, "bar": 100}
    assert RatingSummary().average is None
    assert [row["bar"] for row in RatingSummary().rows] == [0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_summaries_per_group_in_one_query(
    make_training, make_participant, django_assert_num_queries
):
    first, second = make_training(), make_training()
    for event, rating in [(first, 5), (first, 3), (second, 2)]:
        FeedbackResponse.objects.create(event=event, rating=rating)

    with django_assert_num_queries(1):
        summaries = rating_summaries(FeedbackResponse.objects.all(), group_by="event_id")

    assert summaries[first.pk].average == Decimal("4.00")
    assert summaries[second.pk].as_dict()["distribution"] == {1: 0, 2: 1, 3: 0, 4: 0, 5: 0}
