"""The official client's side of the batch benchmark: Plaid's Python client making the same
/processor/auth/get calls as `plaidlua batch`, from 64 threads with one ApiClient each.

    python_client.py URL CLIENT_ID SECRET TOKENS_FILE CALLS THREADS

Prints {"calls": N, "seconds": S, "calls_per_second": R, "failures": F}.
"""
import json
import sys
import threading
import time

import plaid
from plaid.api import plaid_api
from plaid.model.processor_auth_get_request import ProcessorAuthGetRequest


def main():
    url, client_id, secret, tokens_file, calls, threads = sys.argv[1:7]
    calls, threads = int(calls), int(threads)
    tokens = [line.strip() for line in open(tokens_file) if line.strip()]
    lock = threading.Lock()
    state = {"next": 0, "failures": 0}

    def worker():
        configuration = plaid.Configuration(host=url, api_key={"clientId": client_id, "secret": secret})
        api = plaid_api.PlaidApi(plaid.ApiClient(configuration))
        while True:
            with lock:
                index = state["next"]
                state["next"] += 1
            if index >= calls:
                return
            try:
                api.processor_auth_get(ProcessorAuthGetRequest(processor_token=tokens[index % len(tokens)]))
            except Exception:
                with lock:
                    state["failures"] += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"calls": calls, "seconds": seconds, "calls_per_second": calls / seconds, "failures": state["failures"]}))


if __name__ == "__main__":
    main()
