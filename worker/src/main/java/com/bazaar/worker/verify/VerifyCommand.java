package com.bazaar.worker.verify;

import com.bazaar.worker.WorkerConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar bazaar-worker.jar verify config.yml} ({@code ./bazaar verify}): recomputes every level from the
 * ledger and the holds of the configured database, prints {@code N levels checked, M mismatches} and each mismatch,
 * and exits non-zero when M > 0.
 */
public class VerifyCommand extends ConfiguredCommand<WorkerConfiguration> {
    public VerifyCommand() {
        super("verify", "Recompute every level from the ledger and the holds; exit 1 on a mismatch");
    }

    @Override
    protected void run(Bootstrap<WorkerConfiguration> bootstrap, Namespace namespace, WorkerConfiguration configuration)
            throws Exception {
        ManagedDataSource dataSource = configuration.getDatabase().build(bootstrap.getMetricRegistry(), "verify");
        try {
            LevelVerifier.Report report = new LevelVerifier(Jdbi.create(dataSource)).verify();
            report.mismatches().forEach(System.out::println);
            if (report.mismatchCount() > report.mismatches().size()) {
                System.out.printf("... and %d more%n", report.mismatchCount() - report.mismatches().size());
            }
            System.out.printf("%s (%.1f s)%n", report.summary(), report.seconds());
            if (report.mismatchCount() > 0) {
                throw new Mismatches(report.summary());
            }
        } finally {
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof Mismatches) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** Ends the command with exit status 1 and the summary, without a stack trace. */
    private static final class Mismatches extends Exception {
        Mismatches(String summary) {
            super(summary);
        }
    }
}
