"""The ``polyiam`` command line through the wheel's console script (the compiled CLI, no second
binary): the AWS CLI's skeleton, a call against moto and its exit codes."""

import os
import re
import shutil
import subprocess
import sys

from conftest import unique_name


def polyiam(*args):
    script = shutil.which("polyiam", path=os.path.dirname(sys.executable))
    assert script, "the wheel installs a polyiam console script next to this Python"
    env = {**os.environ, "AWS_DEFAULT_OUTPUT": ""}
    return subprocess.run([script, *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_console_script_runs_the_cli(moto_url):
    r = polyiam("iam", "create-access-key", "--generate-cli-skeleton")
    assert (r.returncode, r.stdout, r.stderr) == (0, '{\n    "UserName": ""\n}\n', "")
    user = unique_name("cli-py")
    assert polyiam("iam", "create-user", "--user-name", user, "--endpoint-url", moto_url).returncode == 0
    r = polyiam("iam", "list-access-keys", "--user-name", user, "--endpoint-url", moto_url, "--output", "table")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1].strip("| ") == "ListAccessKeys"
    r = polyiam("iam", "create-access-key", "--user-name", user, "--endpoint-url", moto_url, "--query", "AccessKey.UserName", "--output", "text")
    assert (r.returncode, r.stdout) == (0, f"{user}\n")
    r = polyiam("iam", "get-user", "--user-name", unique_name("absent"), "--endpoint-url", moto_url)
    assert r.returncode == 254
    assert re.search(r"An error occurred \(NoSuchEntity\) when calling the GetUser operation: ", r.stderr)
