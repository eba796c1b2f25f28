package com.bazaar.service.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.bazaar.auth.PasswordCheck;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code echo -n secret | java -jar bazaar-service.jar hash-password}: the bcrypt hash for auth.users. */
public class HashPasswordCommand extends Command {
    public HashPasswordCommand() {
        super("hash-password", "Reads a password from standard input and prints its bcrypt hash for auth.users");
    }

    @Override
    public void configure(Subparser subparser) {
        // no options: the password comes from standard input, never from the command line
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        System.out.println(BCrypt.withDefaults().hashToString(PasswordCheck.COST, password.toCharArray()));
    }
}
