"""GRPO with TRL, rewarded by an Assay server (R1-Zero math reward).

    assay serve --port 8420 &                               # or make serve
    pip install trl datasets clients/python
    accelerate launch examples/trl_grpo.py                  # ASSAY_URL=http://host:8420[,http://host2:8420]

GSM8K's "answer" column ends in "#### <n>"; the adapter reduces it to <n> before sending it as
reference.answer. Each process scores its own completions; TRL gathers the rewards and computes the GRPO
advantages itself, so the reward function asks Assay for raw rewards only.
"""

import os

from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

from assay_client import AssayClient
from assay_client.trl import reward_function

SYSTEM = (
    "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. "
    "The assistant first thinks about the reasoning process in the mind and then provides the user with the "
    "answer. The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> "
    "tags, respectively, i.e., <think> reasoning process here </think><answer> answer here </answer>."
)


def to_conversation(example):
    return {"prompt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": example["question"]}]}


def main():
    dataset = load_dataset("openai/gsm8k", "main", split="train").map(to_conversation)  # keeps "answer"

    client = AssayClient(os.environ.get("ASSAY_URL", "http://127.0.0.1:8420"), timeout=330, retries=4)
    health = client.health()                      # fail fast if the server is not there
    print(f"Assay {health['version']} with {health['rules']} rules")

    reward = reward_function(client, rule="r1-zero-math", answer_column="answer", task="math")

    args = GRPOConfig(
        output_dir="var/qwen-gsm8k-grpo",
        num_generations=8,
        per_device_train_batch_size=8,            # completions per device; a multiple of num_generations
        max_completion_length=512,
        learning_rate=1e-6,
        beta=0.04,
        logging_steps=1,                          # logs rewards/assay_r1_zero_math/mean and /std
        report_to="none",
    )
    trainer = GRPOTrainer(
        model="Qwen/Qwen2.5-0.5B-Instruct",
        reward_funcs=[reward],
        args=args,
        train_dataset=dataset,
    )
    trainer.train()


if __name__ == "__main__":
    main()
