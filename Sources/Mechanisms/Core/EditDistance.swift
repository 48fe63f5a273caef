/// The Levenshtein distance between two strings (insertions, deletions and substitutions).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a plausible
/// typo (at most a third of the word's length, at least 2), or contains / is contained in it.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lower = word.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(lower, c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    if distance <= max(2, lower.count / 3) { return candidate }
    if candidate.contains(lower) || lower.contains(candidate) { return candidate }
    return nil
}
