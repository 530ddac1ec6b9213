"""The usage on Clear Street's docs page, verbatim, against a server with the documented semantics.

The snippet is the one on the Python SDK page of Submit Position Instructions, copied as it
stands; only the base URL comes from the environment (CLEAR_STREET_BASE_URL), as a user would set it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import GENERATED
from ..servers.fake_clear_street import FakeClearStreet

DOCS_SNIPPET = '''
from clear_street import ClearStreet

client = ClearStreet(
    api_key="My API Key",
)
response = client.v1.positions.submit_position_instructions(
    account_id=0,
    instructions=[{
        "instruction_type": "EXERCISE",
        "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02",
        "quantity": "1",
    }],
)
print(response)
'''


# The same call with the caller's own idempotency key, sent twice, shows the 409.
WITH_KEY = DOCS_SNIPPET.replace('"quantity": "1",', '"quantity": "1", "instruction_id": "ui-20260424-001",')


def run_snippet(base_url: str, snippet: str = DOCS_SNIPPET) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLEAR_STREET_BASE_URL": base_url, "PYTHONPATH": str(GENERATED)}
    return subprocess.run([sys.executable, "-c", snippet], env=env, capture_output=True, text=True, timeout=60)


def test_docs_snippet_shows_sent_then_conflict() -> None:
    with FakeClearStreet(api_key="My API Key") as server:
        server.add_instrument("0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02", "AAPL  280121C00195000")
        first = run_snippet(server.base_url)
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith("PositionInstructionBatchResponse(data=[PositionInstruction(")
        assert "status=PositionInstructionStatus.SENT" in first.stdout
        assert "symbol='AAPL  280121C00195000'" in first.stdout
        assert "metadata=ResponseMetadata(request_id='req-000001')" in first.stdout
        # One instruction sent twice under one key: every row is a duplicate -> 409, raised.
        keyed = run_snippet(server.base_url, WITH_KEY)
        assert keyed.returncode == 0, keyed.stderr
        assert "instruction_id='ui-20260424-001'" in keyed.stdout
        second = run_snippet(server.base_url, WITH_KEY)
        assert second.returncode == 1
        assert "clear_street._exceptions.ConflictError: Error code: 409 - Duplicate exercise instruction (request_id: req-000003)" in second.stderr
        assert len(server.state.received) == 3  # a 409 is not retried
