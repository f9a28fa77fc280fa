"""Functions the travel tests run in worker processes (importable by name, as spawn needs)."""


def user_name(args):
    client, user = args
    return client.get_user(UserName=user)["User"]["UserName"]


def missing_user(client, user):
    client.get_user(UserName=user)  # raises NoSuchEntityException, pickled back to the parent


def native_identity(client):
    """Which native client the worker's copy uses: the same for every copy of one description."""
    import os

    return os.getpid(), client._native.identity
