"""Property-based checks of the generator's input contract (CONTRIBUTING.md, "Fuzzing the input contract").

For any input file, `python -m generator generate` either writes a Python client that
byte-compiles, imports and constructs, or exits 2 with one located line per error and
leaves the output folder as it was; never a crash, a hang, a stray process or a temp file.

- `mutate.py`: seeded mutations of the checked-in specs, one `Case` per seed.
- `contract.py`: runs one case and returns its contract violations.
- `__main__.py`: `./dev fuzz`, a longer search that saves what fails under `.fuzz/failures/`.
- `found/`: small reproducers of what the search found.
"""
