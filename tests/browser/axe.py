"""axe-core in a Playwright page: WCAG 2.1 AA checks for the browser tests.

    from tests.browser.axe import assert_no_serious_violations

    assert_no_serious_violations(page, context="exam page, hand-in dialog open")

Runs axe-core (shipped inside the axe-playwright-python wheel, so no CDN and no
network) on what the page shows now, with the WCAG 2.0/2.1 A and AA rules and axe's
best practices. Every violation is printed with its id, impact, targets and help; only
serious and critical ones fail the test (docs/accessibility.md). Features that open
panels or dialogs (tools, reading modes) open them first, then call this again.
"""

from pathlib import Path

import axe_playwright_python

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = frozenset({"serious", "critical"})

_RUN = """([include, exclude, tags]) => {
  const context = include || exclude ? { include: include || [document], exclude: exclude || [] } : document;
  return axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
    .then((results) => results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary || "" })),
    })));
}"""


def run_axe(
    page,
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    tags: list[str] | None = None,
) -> list[dict]:
    """axe's violations on the page as it is now (all impacts), as plain dicts."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(_RUN, [include, exclude, tags or RULE_TAGS])


def format_violations(violations: list[dict]) -> str:
    """One block per violation: id, impact, help, and each target with axe's summary."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_no_serious_violations(
    page,
    *,
    context: str,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> list[dict]:
    """Fail on any serious or critical axe violation; print every violation found.

    `context` names what is being checked (a page, a state) in the output. Returns
    all violations, so a caller can look at the moderate and minor ones too.
    """
    violations = run_axe(page, include=include, exclude=exclude)
    if violations:
        print(f"axe on {context} ({page.url}):\n{format_violations(violations)}")
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, (
        f"axe found {len(serious)} serious or critical violation(s) on {context}:\n"
        + format_violations(serious)
    )
    return violations
