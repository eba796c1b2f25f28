package com.bazaar.worker.consumer;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/pause-consumer} and {@code POST /tasks/resume-consumer} on the worker's admin port:
 * stop and restart receiving without stopping the process. Messages wait on the queue meanwhile.
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
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        if (pause) {
            consumer.pause();
        } else {
            consumer.resume();
        }
        output.println(consumer.isPaused() ? "consumer paused" : "consumer running");
    }
}
