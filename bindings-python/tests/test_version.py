"""One version: the module's __version__ is the installed distribution's (which maturin takes from
Cargo.toml); codegen/tests/one_version.rs checks every package file against the workspace's."""

import importlib.metadata

import polyiam


def test_module_version_is_the_distributions():
    assert polyiam.__version__ == importlib.metadata.version("polyiam")
    assert len(polyiam.__version__.split(".")) == 3
