package io.portcullis.cli.access;

/** Output format of commands that explain. */
public enum Format { TEXT, JSON }
