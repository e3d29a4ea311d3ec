package io.portcullis.engine.internal;

/** VPC connectivity by index, as a dense boolean matrix (VPC counts are small). */
public record Connectivity(boolean[][] connected) {

    public boolean connected(int a, int b) {
        return a == b || connected[a][b];
    }
}
