#!/usr/bin/env bash
# GRPO with OpenRLHF, rewarded by Assay through OpenRLHF's own remote reward model protocol: no Python on the
# reward side, nothing to change in OpenRLHF. Assay answers POST /get_reward with {"rewards", "scores",
# "extra_logs"}; the dataset's --label_key column becomes each item's reference answer.
#
#   1. on the reward host:   assay serve --host 0.0.0.0 --port 8420 --openrlhf-rule r1-math
#   2. on the Ray head:      ASSAY=http://REWARD_HOST:8420 bash examples/openrlhf_remote_rm.sh
#
# Several replicas: pass a comma-free list to --remote_rm_url (OpenRLHF shards the batch over them) or put them
# behind the nginx of docker/ (scoring is deterministic, so retries on another replica are safe).
set -euo pipefail
ASSAY="${ASSAY:-http://127.0.0.1:8420}"
curl -fsS "$ASSAY/healthz" >/dev/null || { echo "no Assay server at $ASSAY (start: assay serve --openrlhf-rule r1-math)" >&2; exit 1; }

python3 -m openrlhf.cli.train_ppo_ray \
  --pretrain Qwen/Qwen2.5-1.5B-Instruct \
  --prompt_data openai/gsm8k --input_key question --label_key answer --apply_chat_template \
  --advantage_estimator group_norm --n_samples_per_prompt 8 \
  --remote_rm_url "$ASSAY/get_reward" \
  --actor_num_gpus_per_node 1 --vllm_num_engines 1 \
  --micro_train_batch_size 4 --train_batch_size 64 --micro_rollout_batch_size 8 --rollout_batch_size 64 \
  --max_epochs 1 --prompt_max_len 512 --generate_max_len 1024 \
  --actor_learning_rate 1e-6 --init_kl_coef 0.001 --save_path ./checkpoint/assay-grpo
