namespace Berth.UnitTests.Oci;

/// <summary>config.json documents shared by the spec reader tests.</summary>
internal static class SpecFixtures
{
    /// <summary>A docker-like spec that sets every property of every runtime-spec type at least once.</summary>
    internal const string Rich = """
    {
      "ociVersion": "1.1.0",
      "process": {
        "terminal": true,
        "consoleSize": { "height": 40, "width": 120 },
        "user": { "uid": 1000, "gid": 1001, "umask": 18, "additionalGids": [ 10, 20, 4294967295 ], "username": "app" },
        "args": [ "/bin/sh", "-c", "echo \"hi\" \u00e9\\n" ],
        "commandLine": "sh -c echo",
        "env": [ "PATH=/usr/bin:/bin", "TERM=xterm", "EMPTY=" ],
        "cwd": "/srv",
        "capabilities": {
          "bounding": [ "CAP_CHOWN", "CAP_KILL" ],
          "effective": [ "CAP_CHOWN" ],
          "inheritable": [],
          "permitted": [ "CAP_CHOWN", "CAP_KILL" ],
          "ambient": [ "CAP_KILL" ]
        },
        "rlimits": [
          { "type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1024 },
          { "type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 0 }
        ],
        "noNewPrivileges": true,
        "apparmorProfile": "docker-default",
        "oomScoreAdj": -500,
        "selinuxLabel": "system_u:system_r:container_t:s0:c1,c2",
        "ioPriority": { "class": "IOPRIO_CLASS_BE", "priority": 4 },
        "scheduler": { "policy": "SCHED_DEADLINE", "nice": -5, "priority": 0, "flags": [ "SCHED_FLAG_RESET_ON_FORK" ], "runtime": 10000000, "deadline": 20000000, "period": 30000000 }
      },
      "root": { "path": "rootfs", "readonly": true },
      "hostname": "web-1",
      "domainname": "example.org",
      "mounts": [
        { "destination": "/proc", "type": "proc", "source": "proc" },
        { "destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": [ "nosuid", "strictatime", "mode=755", "size=65536k" ] },
        {
          "destination": "/data", "type": "bind", "source": "/var/lib/data", "options": [ "rbind", "rw", "idmap" ],
          "uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ],
          "gidMappings": [ { "containerID": 0, "hostID": 200000, "size": 65536 } ]
        }
      ],
      "hooks": {
        "prestart": [ { "path": "/usr/bin/netns-hook", "args": [ "netns-hook", "setup" ], "env": [ "A=1" ], "timeout": 5 } ],
        "createRuntime": [ { "path": "/usr/bin/create-runtime" }, { "path": "/usr/bin/second", "timeout": 0 } ],
        "createContainer": [ { "path": "/usr/bin/create-container", "timeout": 30 } ],
        "startContainer": [ { "path": "/usr/bin/start-container", "args": [ "start" ] } ],
        "poststart": [ { "path": "/usr/bin/poststart", "env": [ "B=2", "C=3" ] } ],
        "poststop": [ { "path": "/usr/bin/poststop", "timeout": 120 } ]
      },
      "annotations": { "com.example.key": "value", "org.opencontainers.image.ref.name": "alpine", "": "empty key" },
      "linux": {
        "uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ],
        "gidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 }, { "containerID": 65536, "hostID": 1, "size": 1 } ],
        "sysctl": { "net.ipv4.ip_forward": "1", "net.core.somaxconn": "1024" },
        "resources": {
          "devices": [
            { "allow": false, "access": "rwm" },
            { "allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm" },
            { "allow": true, "type": "b", "major": -1, "minor": -1, "access": "m" }
          ],
          "memory": { "limit": 536870912, "reservation": 268435456, "swap": -1, "kernel": 0, "kernelTCP": 1024, "swappiness": 60, "disableOOMKiller": true, "useHierarchy": false, "checkBeforeUpdate": true },
          "cpu": { "shares": 1024, "quota": 50000, "burst": 10000, "period": 100000, "realtimeRuntime": -1, "realtimePeriod": 1000000, "cpus": "0-3", "mems": "0", "idle": 1 },
          "pids": { "limit": 4096 },
          "blockIO": {
            "weight": 500, "leafWeight": 300,
            "weightDevice": [ { "major": 8, "minor": 0, "weight": 600, "leafWeight": 200 }, { "major": 8, "minor": 16 } ],
            "throttleReadBpsDevice": [ { "major": 8, "minor": 0, "rate": 1048576 } ],
            "throttleWriteBpsDevice": [ { "major": 8, "minor": 0, "rate": 2097152 } ],
            "throttleReadIOPSDevice": [ { "major": 8, "minor": 0, "rate": 100 } ],
            "throttleWriteIOPSDevice": [ { "major": 8, "minor": 0, "rate": 200 } ]
          },
          "hugepageLimits": [ { "pageSize": "2MB", "limit": 209715200 }, { "pageSize": "1GB", "limit": 0 } ],
          "network": { "classID": 1048577, "priorities": [ { "name": "eth0", "priority": 500 }, { "name": "lo", "priority": 1000 } ] },
          "unified": { "memory.high": "400000000", "io.weight": "default 100" }
        },
        "cgroupsPath": "system.slice:docker:abc123",
        "namespaces": [
          { "type": "pid" }, { "type": "network", "path": "/var/run/netns/web" }, { "type": "ipc" }, { "type": "uts" },
          { "type": "mount" }, { "type": "user" }, { "type": "cgroup" }, { "type": "time", "path": "/proc/1/ns/time" }
        ],
        "devices": [
          { "type": "c", "path": "/dev/fuse", "major": 10, "minor": 229, "fileMode": 438, "uid": 0, "gid": 0 },
          { "type": "b", "path": "/dev/sda", "major": 8, "minor": 0 }
        ],
        "seccomp": {
          "defaultAction": "SCMP_ACT_ERRNO",
          "defaultErrnoRet": 1,
          "architectures": [ "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" ],
          "flags": [ "SECCOMP_FILTER_FLAG_SPEC_ALLOW" ],
          "listenerPath": "/run/seccomp-agent.sock",
          "listenerMetadata": "meta",
          "syscalls": [
            { "names": [ "read", "write", "exit_group" ], "action": "SCMP_ACT_ALLOW" },
            { "names": [ "personality" ], "action": "SCMP_ACT_ALLOW", "args": [ { "index": 0, "value": 0, "valueTwo": 0, "op": "SCMP_CMP_EQ" }, { "index": 0, "value": 4294967295, "valueTwo": 8, "op": "SCMP_CMP_MASKED_EQ" } ] },
            { "names": [ "clone" ], "action": "SCMP_ACT_ERRNO", "errnoRet": 38, "args": [ { "index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ" } ] }
          ]
        },
        "rootfsPropagation": "rslave",
        "maskedPaths": [ "/proc/kcore", "/proc/keys" ],
        "readonlyPaths": [ "/proc/bus", "/proc/sys" ],
        "mountLabel": "system_u:object_r:container_file_t:s0:c1,c2",
        "personality": { "domain": "LINUX32", "flags": [ "ADDR_NO_RANDOMIZE" ] }
      }
    }
    """;

    /// <summary>A small spec with comments in all the places a hand-edited config.json has them.</summary>
    internal const string WithComments = """
    // generated by hand
    {
      /* the version */ "ociVersion": "1.0.2",
      "process": {
        "args": [ "sh", /* inline */ "-c", "true" ], // trailing
        "user": { "uid": 0 /* root */, "gid": 0 },
        "cwd": "/"
      },
      "root": { "path": "rootfs" } /* before the brace */
    }
    // after the document
    """;

    /// <summary>Properties Berth does not know at every level, with nested objects and arrays to skip.</summary>
    internal const string WithUnknown = """
    {
      "ociVersion": "1.2.0",
      "vm": { "hypervisor": { "path": "/usr/bin/qemu", "parameters": [ "-m", { "deep": [ [ 1, 2 ], { "x": null } ] } ] } },
      "process": {
        "args": [ "true" ],
        "Terminal": true,
        "user": { "uid": 5, "gid": 6, "extra": [ { "a": 1 }, [ ] ], "Uid": 7 },
        "future": { "list": [ 1, "two", true, null, { } ] },
        "cwd": "/tmp"
      },
      "root": { "path": "rootfs", "readonly": false, "unknown": "x" },
      "windows": { "layerFolders": [ "a", "b" ], "network": { "endpointList": [ ] } },
      "linux": {
        "intelRdt": { "closID": "guaranteed", "l3CacheSchema": "L3:0=7f0" },
        "resources": { "rdma": { "mlx5_1": { "hcaHandles": 3, "hcaObjects": 10000 } }, "pids": { "limit": 10, "x": [ ] } },
        "namespaces": [ { "type": "pid", "flags": { "a": [ 1 ] } } ],
        "seccomp": { "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": [ "x" ], "action": "SCMP_ACT_LOG", "comment": { "a": [ ] }, "includes": { "caps": [ "CAP_SYS_ADMIN" ] } } ] }
      },
      "solaris": 1, "zos": [ ], "ociVersion2": "x"
    }
    """;

    /// <summary>Duplicates (last wins), nulls into reference and nullable properties, escaped names and values.</summary>
    internal const string Edgy = """
    {
      "ociVersion": "1.0.0", "ociVersion": "1.2.1",
      "hostname": null,
      "process": {
        "user": null,
        "args": [ "a", null, "b" ],
        "cwd": null,
        "oomScoreAdj": null,
        "env": [ "X=1" ], "env": [ "Y=2" ],
        "capabilities": { "bounding": null },
        "\u0061pparmorProfile": "escaped name",
        "rlimits": [ null, { "type": null, "hard": 1, "soft": 2 } ]
      },
      "annotations": { "a": "1", "a": "2", "b": null },
      "linux": {
        "resources": { "memory": { "limit": null, "swappiness": null, "disableOOMKiller": null }, "devices": null },
        "devices": [ { "type": "c", "path": "/dev/x", "major": 1, "minor": 2, "fileMode": null } ],
        "seccomp": { "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": null, "action": "SCMP_ACT_KILL" } ] }
      }
    }
    """;
}
