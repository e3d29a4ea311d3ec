package io.portcullis.cli;

/** The exit codes every command uses, so scripts can rely on them. */
public final class ExitCodes {
    /** Valid, allowed, intact. */
    public static final int OK = 0;
    /** Denied, or findings (warnings that fail a check, a damaged audit log). */
    public static final int DENIED = 1;
    /** Usage error or invalid input (configuration, policy, request). */
    public static final int INVALID = 2;

    private ExitCodes() {}
}
