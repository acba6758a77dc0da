"""The site builds strictly with MkDocs and with ProperDocs, the same
pages; bad input fails the build with one message naming file and line."""

from __future__ import annotations

from support.site_builds import BREAKAGES

# ProperDocs names itself in the generator tag; nothing else may differ.
GENERATOR = '<meta name="generator"'


def test_mkdocs_and_properdocs_build_the_same_pages(site_dir, properdocs_site):
    mkdocs, properdocs = site_dir, properdocs_site
    pages = sorted(path.relative_to(mkdocs) for path in mkdocs.rglob("*.html"))
    assert (mkdocs / "lessons" / "channels" / "index.html").exists()
    assert pages == sorted(path.relative_to(properdocs)
                           for path in properdocs.rglob("*.html"))
    differ = [page for page in pages if without_generator(mkdocs / page)
              != without_generator(properdocs / page)]
    assert not differ, f"{len(differ)} pages differ, first: {differ[0]}"


def without_generator(page) -> list[str]:
    return [line for line in page.read_text().splitlines()
            if GENERATOR not in line]


def test_bad_input_fails_the_build_naming_file_and_line(broken_build, request):
    name = request.node.callspec.params["broken_build"]
    build, breakage = broken_build, BREAKAGES[name]
    code, stderr = build.result()
    assert code != 0, f"{name}: the build passed"
    if breakage.where:  # a notebook cell: the notebook, and the lesson line
        expected = f"(from {breakage.file}:{build.line}): {breakage.message}"
        assert breakage.where in stderr
    elif not build.line:  # MkDocs' own check names the page, not the line
        expected = breakage.message
    else:
        expected = f"{breakage.file}:{build.line}: {breakage.message}"
    assert expected in stderr
    assert "Traceback" not in stderr
