"""Every Python example in generated/README.md runs, against a real server.

The examples are rendered from the spec (its request examples), so this also
checks that what the generator writes as documentation is true.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ..conftest import GENERATED
from ..servers.fake_clear_street import FakeClearStreet

README = (GENERATED / "README.md").read_text()
EXAMPLES = re.findall(r"```python\n(.*?)```", README, re.S)


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_readme_example_runs(index: int) -> None:
    with FakeClearStreet(api_key="My API Key") as server:
        server.add_instrument("0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02", "AAPL  280121C00195000")
        env = {**os.environ, "CLEAR_STREET_BASE_URL": server.base_url, "PYTHONPATH": str(GENERATED)}
        env.pop("CLEAR_STREET_API_KEY", None)
        result = subprocess.run([sys.executable, "-c", EXAMPLES[index]], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, EXAMPLES[index] + "\n" + result.stderr
        assert server.state.received, "the example sent no request"
