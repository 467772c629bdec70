"""The report's small pure pieces: money and quantity formatting, inline SVG charts."""

from __future__ import annotations

from planner.money import quantity, usd, usd_rate
from planner.writers.svg_charts import bar_chart, line_chart


def test_unit_prices_keep_their_precision_and_quantities_get_separators() -> None:
    assert [usd_rate(x) for x in (0.104, 0.0058, 2, 1234.5, -0.1, None)] == [
        "$0.104", "$0.0058", "$2.00", "$1,234.50", "-$0.10", "—"]
    assert [quantity(x) for x in (1460.0, 0.5, 12345.6789, None)] == ["1,460", "0.5", "12,345.679", "—"]
    assert usd(1428.365) == "$1,428.37" and usd(None) == "—"


def test_bar_chart_labels_each_bar_with_its_amount_largest_first() -> None:
    svg = bar_chart([("EC2", 410.26), ("RDS", 663.25)], title="by service")
    assert svg.index(">RDS<") < svg.index(">EC2<")
    assert ">$663.25<" in svg and ">$410.26<" in svg and "<script" not in svg


def test_line_chart_breaks_the_line_at_unknown_months_instead_of_drawing_zero() -> None:
    svg = line_chart({"bucket": [1.0, 2.0, None, 4.0, 5.0]})
    assert svg.count("<polyline") == 2
    assert line_chart({"bucket": [None, None]}).count("<polyline") == 0
