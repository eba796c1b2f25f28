#!/usr/bin/env bash
# Creates the queues the embedded stack creates (see EmbeddedQueue) on any SQS emulator, Floci or LocalStack:
# a FIFO movement queue whose messages go to a FIFO dead-letter queue after 5 receives. Plain AWS CLI against
# SQS_ENDPOINT, so it needs neither emulator's own hooks or wrappers; docker-compose.yml runs it once the
# emulator is up.
set -euo pipefail

ENDPOINT="${SQS_ENDPOINT:-http://localhost:4566}"
QUEUE="${SQS_QUEUE_NAME:-bazaar-stock-movements.fifo}"
DLQ="${SQS_DLQ_NAME:-bazaar-stock-movements-dlq.fifo}"

sqs() { aws --endpoint-url "$ENDPOINT" sqs "$@"; }
fifo_attributes() { [[ "$1" == *.fifo ]] && echo '"FifoQueue":"true",' || true; }

for attempt in $(seq 60); do
  sqs list-queues >/dev/null 2>&1 && break
  [[ $attempt == 60 ]] && { echo "no SQS at $ENDPOINT after 60 s" >&2; exit 1; }
  sleep 1
done

dlq_url=$(sqs create-queue --queue-name "$DLQ" \
  --attributes "{$(fifo_attributes "$DLQ") \"VisibilityTimeout\":\"30\"}" --query QueueUrl --output text)
dlq_arn=$(sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)
redrive="{\\\"maxReceiveCount\\\":\\\"5\\\",\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\"}"
sqs create-queue --queue-name "$QUEUE" \
  --attributes "{$(fifo_attributes "$QUEUE") \"RedrivePolicy\":\"$redrive\"}" >/dev/null
echo "created $QUEUE with dead-letter queue $DLQ at $ENDPOINT"
