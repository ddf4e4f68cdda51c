//! The resolver: look-ups beside the caller, answers cached, failures
//! counted and retried within bounds, and the caller never waits.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sysflow_runtimes::{
    Described, LookupStats, Resolver, ResolverConfig, RuntimeKind, RuntimeSocket,
};

use crate::server::{Answer, Server, chunked, data, with_length};

const ID: &str = "1a7d1f2cc3b1";

fn config(runtimes: Vec<RuntimeSocket>, timeout: Duration) -> ResolverConfig {
    let mut config = ResolverConfig::new(None, timeout);
    config.runtimes = runtimes;
    config.retry_after = Duration::ZERO;
    config
}

fn docker(server: &Server) -> RuntimeSocket {
    RuntimeSocket::Docker(server.path().to_owned(), RuntimeKind::Docker)
}

/// Polls until the look-ups made so far have all ended (a minute at most:
/// the machine may be busy, and nothing here takes longer than a timeout).
fn settle(resolver: &mut Resolver) -> Vec<(String, Arc<Described>)> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut got = Vec::new();
    loop {
        got.extend(resolver.poll());
        let s = resolver.stats();
        let ended = s.answered + s.not_found + s.timed_out + s.failed;
        if ended >= s.requested {
            return got;
        }
        assert!(Instant::now() < deadline, "look-ups still pending: {s:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn an_answer_is_cached_and_served_again_without_asking() {
    let server = Server::start(vec![chunked("200 OK", &data("docker/sf-labelled.json"))]);
    let mut resolver =
        Resolver::start(config(vec![docker(&server)], Duration::from_secs(5))).expect("start");
    resolver.request(ID);
    // Asked again while pending: not sent twice.
    resolver.request(ID);
    let got = settle(&mut resolver);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, ID);
    assert_eq!(got[0].1.name, "sf-labelled");
    resolver.request(ID);
    let again = resolver.poll();
    assert_eq!(again.len(), 1, "a cached answer comes back at once");
    assert_eq!(server.requests().len(), 1);
    let s = resolver.stats();
    assert_eq!((s.requested, s.answered, s.cached), (1, 1, 1), "{s:?}");
    assert_eq!(resolver.cached().count(), 1);
    // Gone: forgotten, and asked again if seen again.
    resolver.retain(&HashSet::new());
    assert_eq!(resolver.cached().count(), 0);
    resolver.request(ID);
    assert_eq!(settle(&mut resolver).len(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn the_runtimes_are_asked_in_turn_until_one_knows_the_container() {
    let docker_server = Server::start(vec![with_length(
        "404 Not Found",
        &data("docker/not-found.json"),
    )]);
    let podman_server = Server::start(vec![with_length(
        "200 OK",
        &data("podman/pm-labelled.json"),
    )]);
    let dir = tempfile::tempdir().expect("temp dir");
    let runtimes = vec![
        // Skipped: no socket there.
        RuntimeSocket::Docker(dir.path().join("none.sock"), RuntimeKind::Docker),
        docker(&docker_server),
        RuntimeSocket::Docker(podman_server.path().to_owned(), RuntimeKind::Podman),
    ];
    let mut resolver = Resolver::start(config(runtimes, Duration::from_secs(5))).expect("start");
    resolver.request(ID);
    let got = settle(&mut resolver);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.kind, RuntimeKind::Podman);
    assert_eq!(docker_server.requests().len(), 1);
    // The event's JSON is made for the id asked, on the worker.
    assert_eq!(got[0].1.json, got[0].1.sinsp_json(ID));
    let json: serde_json::Value = serde_json::from_str(&got[0].1.json).expect("container JSON");
    assert_eq!(json["container"]["id"], ID);
    assert_eq!(json["container"]["type"], 11);
    assert_eq!(json["container"]["name"], got[0].1.name.as_str());
}

#[test]
fn failures_are_counted_and_retried_a_bounded_number_of_times() {
    let not_found = Server::start(vec![with_length(
        "404 Not Found",
        &data("docker/not-found.json"),
    )]);
    let garbage = Server::start(vec![Answer::Raw(b"garbage\r\n\r\n".to_vec())]);
    let mut resolver =
        Resolver::start(config(vec![docker(&not_found)], Duration::from_secs(5))).expect("start");
    for _ in 0..5 {
        resolver.request(ID);
        assert!(settle(&mut resolver).is_empty());
    }
    let s = resolver.stats();
    assert_eq!((s.requested, s.not_found), (3, 3), "{s:?}");
    assert_eq!(not_found.requests().len(), 3);

    let mut resolver =
        Resolver::start(config(vec![docker(&garbage)], Duration::from_secs(5))).expect("start");
    resolver.request(ID);
    assert!(settle(&mut resolver).is_empty());
    assert_eq!(resolver.stats().failed, 1);

    // No runtime at all: one failure per look-up, nothing asked.
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = vec![RuntimeSocket::Docker(
        dir.path().join("docker.sock"),
        RuntimeKind::Docker,
    )];
    let mut resolver = Resolver::start(config(missing, Duration::from_secs(5))).expect("start");
    resolver.request(ID);
    resolver.request("2b8e2e3dd4c2");
    assert!(settle(&mut resolver).is_empty());
    let s = resolver.stats();
    assert_eq!((s.requested, s.failed), (2, 2), "{s:?}");
}

#[test]
fn a_silent_runtime_delays_nothing_but_its_own_look_ups() {
    let silent = Server::start(vec![Answer::Silent]);
    let timeout = Duration::from_millis(500);
    let mut resolver = Resolver::start(config(vec![docker(&silent)], timeout)).expect("start");
    // Far more ids than the queue holds: the caller is never held up, the
    // excess is counted as dropped (each would be asked at its next sighting).
    let ids: Vec<String> = (0..1500).map(|i| format!("{i:012x}")).collect();
    for id in &ids {
        resolver.request(id);
    }
    let s = resolver.stats();
    assert!(s.dropped > 0 && s.requested + s.dropped == 1500, "{s:?}");
    // The first look-up ends by its timeout.
    let deadline = Instant::now() + Duration::from_secs(60);
    while resolver.stats().timed_out == 0 {
        assert!(resolver.poll().is_empty());
        assert!(Instant::now() < deadline, "no timeout reported");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Dropping the resolver does not wait for the worker.
    drop(resolver);
}

#[test]
fn the_usual_sockets_are_docker_podman_and_cri() {
    let config = ResolverConfig::new(Some(PathBuf::from("/tmp/cri.sock")), Duration::from_secs(3));
    assert_eq!(
        config.runtimes,
        [
            RuntimeSocket::Docker("/var/run/docker.sock".into(), RuntimeKind::Docker),
            RuntimeSocket::Docker("/run/podman/podman.sock".into(), RuntimeKind::Podman),
            RuntimeSocket::Cri("/tmp/cri.sock".into()),
        ]
    );
    assert_eq!(config.timeout, Duration::from_secs(3));
    assert_eq!(LookupStats::default().requested, 0);
}
