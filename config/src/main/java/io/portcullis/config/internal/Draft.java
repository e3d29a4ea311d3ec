package io.portcullis.config.internal;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.Connection;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import java.util.ArrayList;
import java.util.List;

/** The sections of every file read so far, merged, each element with its origin. Mutable; loader-private. */
public final class Draft {
    public final List<Located<Account>> accounts = new ArrayList<>();
    public final List<Located<Vpc>> vpcs = new ArrayList<>();
    public final List<Located<Connection>> connections = new ArrayList<>();
    public final List<Located<VpcEndpoint>> vpcEndpoints = new ArrayList<>();
    public final List<Located<PrefixList>> prefixLists = new ArrayList<>();
    public final List<Located<SecurityGroup>> securityGroups = new ArrayList<>();
    public final List<Located<Workload>> workloads = new ArrayList<>();
    public final List<Located<Api>> apis = new ArrayList<>();
}
