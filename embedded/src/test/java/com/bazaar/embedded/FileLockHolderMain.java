package com.bazaar.embedded;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Holds a file's lock for a while, as a queue process that is still closing its store does; for DurableQueueIT. */
public final class FileLockHolderMain {
    public static final String LOCKED = "LOCKED";

    private FileLockHolderMain() {
    }

    /** Arguments: the file, how many milliseconds to hold its lock. */
    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println(LOCKED);
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
