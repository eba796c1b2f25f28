#!/usr/bin/env bash
# LocalStack "ready" hook: the same queues the embedded stack creates (see EmbeddedQueue), a FIFO
# movement queue whose messages go to a FIFO dead-letter queue after 5 receives.
set -euo pipefail

QUEUE="${SQS_QUEUE_NAME:-bazaar-stock-movements.fifo}"
DLQ="${SQS_DLQ_NAME:-bazaar-stock-movements-dlq.fifo}"

fifo_attributes() { [[ "$1" == *.fifo ]] && echo '"FifoQueue":"true",' || true; }

dlq_url=$(awslocal sqs create-queue --queue-name "$DLQ" \
  --attributes "{$(fifo_attributes "$DLQ") \"VisibilityTimeout\":\"30\"}" --query QueueUrl --output text)
dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)
redrive="{\\\"maxReceiveCount\\\":\\\"5\\\",\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\"}"
awslocal sqs create-queue --queue-name "$QUEUE" \
  --attributes "{$(fifo_attributes "$QUEUE") \"RedrivePolicy\":\"$redrive\"}" >/dev/null
echo "created $QUEUE with dead-letter queue $DLQ"
