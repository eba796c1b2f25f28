package com.bazaar.worker.consumer;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/pause-consumer} and {@code POST /tasks/resume-consumer} on the worker's admin port:
 * stop and restart receiving without stopping the process. Messages wait on the queue meanwhile. A pause
 * answers once the batches in hand are committed, so the database may then be taken down.
 */
public class ConsumerSwitchTask extends Task {
    private final MovementConsumer consumer;
    private final boolean pause;

    private ConsumerSwitchTask(String name, MovementConsumer consumer, boolean pause) {
        super(name);
        this.consumer = consumer;
        this.pause = pause;
    }

    public static ConsumerSwitchTask pause(MovementConsumer consumer) {
        return new ConsumerSwitchTask("pause-consumer", consumer, true);
    }

    public static ConsumerSwitchTask resume(MovementConsumer consumer) {
        return new ConsumerSwitchTask("resume-consumer", consumer, false);
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws InterruptedException {
        if (!pause) {
            consumer.resume();
            output.println("consumer running");
        } else if (consumer.pause(consumer.patience())) {
            output.println("consumer paused");
        } else {
            output.println("consumer pausing: batches still in hand after " + consumer.patience().toSeconds() + " s");
        }
    }
}
