"""The page-script de-duplication that works around Sphinx 7's doubled inline scripts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _JavaScript

from crisis.build.sphinx_assets import _dedupe_scripts, script_key, setup, unique_scripts

THEBE = "const THEBE_JS_URL = 'x'"


def test_none_and_empty_file_names_are_the_same_inline_script() -> None:
    # The Sphinx 7 bug: the same inline script stored with filename None and "".
    assert script_key(_JavaScript(None, body=THEBE)) == script_key(_JavaScript("", body=THEBE))


def test_repeats_are_dropped_and_first_occurrences_keep_their_order() -> None:
    scripts = [
        _JavaScript("_static/a.js"),
        _JavaScript("", body=THEBE),
        _JavaScript("_static/b.js", **{"async": "async"}),
        _JavaScript(None, body=THEBE),
        _JavaScript("_static/a.js"),
    ]
    kept = unique_scripts(scripts)
    assert [js.filename for js in kept] == ["_static/a.js", "", "_static/b.js"]
    assert kept[1] is scripts[1]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((None, {"body": THEBE}), (None, {"body": "const other = 1"})),
        (("_static/a.js", {}), ("_static/a.js", {"priority": 900})),
        (("_static/a.js", {}), ("_static/a.js", {"async": "async"})),
    ],
    ids=["body", "priority", "attribute"],
)
def test_scripts_that_differ_are_both_kept(
    first: tuple[str | None, dict[str, object]], second: tuple[str | None, dict[str, object]]
) -> None:
    scripts = [_JavaScript(first[0], **first[1]), _JavaScript(second[0], **second[1])]
    assert unique_scripts(scripts) == scripts


def test_plain_file_names_are_accepted() -> None:
    assert unique_scripts(["a.js", "b.js", "a.js"]) == ["a.js", "b.js"]


def test_handler_edits_the_page_context_in_place() -> None:
    scripts = [_JavaScript("", body=THEBE), _JavaScript(None, body=THEBE)]
    context = {"script_files": scripts}
    _dedupe_scripts(None, "page", "page.html", context, None)  # type: ignore[arg-type]
    assert context["script_files"] is scripts
    assert len(scripts) == 1


def test_handler_leaves_a_context_without_scripts_alone() -> None:
    context: dict[str, object] = {"title": "x"}
    _dedupe_scripts(None, "page", "page.html", context, None)  # type: ignore[arg-type]
    assert context == {"title": "x"}


def test_setup_registers_the_handler_after_the_others() -> None:
    calls = []
    app = SimpleNamespace(connect=lambda *args, **kwargs: calls.append((args, kwargs)))
    meta = setup(app)  # type: ignore[arg-type]
    assert calls == [(("html-page-context", _dedupe_scripts), {"priority": 900})]
    assert meta["parallel_read_safe"] and meta["parallel_write_safe"]
