from __future__ import annotations

import pytest

from graph.cypher import QueryFileError, all_queries, parse, schema_statements, used_params


def test_every_query_file_parses_with_matching_params() -> None:
    queries = all_queries()
    assert "reference/merge_forces" in queries
    assert queries["reference/merge_forces"].params == {"rows"}


def test_undeclared_parameter_is_refused() -> None:
    with pytest.raises(QueryFileError, match=r"declares \[\] but uses \['code'\]"):
        parse("x/y", "// params:\nMATCH (f:Force {code: $code}) RETURN f")


def test_declared_but_unused_parameter_is_refused() -> None:
    with pytest.raises(QueryFileError, match="declares"):
        parse("x/y", "// params: code, extra\nMATCH (f:Force {code: $code}) RETURN f")


def test_missing_header_is_refused() -> None:
    with pytest.raises(QueryFileError, match="no '// params:' header"):
        parse("x/y", "MATCH (n) RETURN n")


def test_dollar_inside_strings_and_comments_is_not_a_parameter() -> None:
    assert used_params("// costs $5\nRETURN '$notparam' AS a, $real AS b") == {"real"}


def test_bind_checks_the_exact_parameter_set() -> None:
    query = parse("x/y", "// params: a\nRETURN $a")
    assert query.bind(a=1) == {"a": 1}
    with pytest.raises(TypeError, match=r"missing \['a'\], unexpected \['b'\]"):
        query.bind(b=2)


def test_schema_statements_come_in_file_order_and_are_idempotent_forms() -> None:
    statements = schema_statements()
    names = [name for name, _ in statements]
    assert names == sorted(names)
    assert all("IF NOT EXISTS" in text for _, text in statements)
