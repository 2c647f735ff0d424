"""verl custom reward function backed by an Assay server.

verl imports this file by path (custom_reward_function.path) and calls the function named by
custom_reward_function.name:

* compute_score_batch — with reward_model.reward_manager=batch (recommended: one HTTP request per batch);
  verl calls compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=, **reward_kwargs)
* compute_score — with the default naive manager (one request per sample);
  verl calls compute_score(data_source=, solution_str=, ground_truth=, extra_info=)

Server and rule: env ASSAY_URL (comma-separated replicas), ASSAY_RULE (default r1-zero-math), ASSAY_TASK
(default math), or custom_reward_function.reward_kwargs.{url,rule,task}. assay-client must be installed in
the environment of every Ray worker (pip install clients/python).

Each call returns, per sample, {"score", "acc", "format", "status_ok"} (floats, same keys for every sample);
verl uses "score" as the reward and logs the others. A sample the server could not score (status limit,
timeout, error, invalid) gets score 0.0 and status_ok 0.0 — verl has no "no reward" value.

    python -m verl.trainer.main_ppo --config-path=$PWD/examples --config-name=verl_reward ...
    # or the overrides listed in examples/verl_reward.yaml on the command line
"""

from assay_client.verl import KEYS, compute_score, compute_score_batch  # noqa: F401  (verl looks these up)

__all__ = ["compute_score", "compute_score_batch", "KEYS"]

if __name__ == "__main__":  # smoke test against a running server: python examples/verl_reward.py
    print(compute_score("openai/gsm8k", "<think>\n6*7\n</think>\n<answer>\n42\n</answer>", "42"))
    print(compute_score_batch(["openai/gsm8k"] * 2, ["\\boxed{42}", "\\boxed{41}"], ["#### 42", "42"], None))
