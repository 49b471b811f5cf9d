/// The t-SNE gradient for large N (van der Maaten 2014): attraction over
/// the sparse P exactly, repulsion through the quadtree, where a cell
/// whose side is below θ times its distance acts as one point of its
/// count at its centre of mass.
///
/// Written, as bhtsne and openTSNE write it, without the factor 4 of
/// ∂KL/∂y (the learning rate absorbs it):
///     gᵢ = exaggeration · Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ) − (1/Z) Σⱼ wᵢⱼ² (yᵢ − yⱼ),
/// with wᵢⱼ = 1 / (1 + |yᵢ − yⱼ|²) and Z = Σ_{k≠l} w_kl.
///
/// The tree is walked once per leaf, not once per point (as N-body codes
/// do): a cell is accepted for the whole leaf when its side is below θ
/// times its distance to the leaf's bounding box, which is stricter than
/// the per-point test, so each point's error is at most plain
/// Barnes-Hut's. The walk yields one list of (position, mass) terms,
/// accepted cells and the single points of leaves too close to summarise
/// (the leaf's own points included), and every point of the leaf runs
/// through that list in a branch-free loop four lanes wide. A point's own
/// term adds exactly 1 to its Σw, taken off after.
struct BarnesHutGradient: Sendable {
    let theta: Double
    private var tree = QuadTree()

    init(theta: Double) { self.theta = theta }

    /// Writes the gradient into g and returns Z's Barnes-Hut estimate.
    @discardableResult
    mutating func compute(_ y: Embedding2D, p: SparseMatrix, exaggeration: Double, into g: Embedding2D) -> Double {
        let n = y.count
        tree.rebuild(x: y.x.pointer, y: y.y.pointer, count: n)
        // Per sorted slot: Σ w² dx, Σ w² dy, Σ w.
        let slots = Buffer<Double>(repeating: 0, count: 3 * n)
        let frozen = tree, theta2 = theta * theta
        Chunks.forEach(frozen.leaves.count, size: 8) { range in
            let terms = InteractionList()
            for leaf in range { Self.repel(leaf: Int(frozen.leaves[leaf]), frozen, theta2, terms, out: slots) }
        }
        var z = 0.0
        for s in 0..<n { z += slots[3 * s + 2] }
        let inverseZ = z > 0 ? 1 / z : 0
        for s in 0..<n {
            let i = Int(tree.order[s])
            g.x[i] = -slots[3 * s] * inverseZ
            g.y[i] = -slots[3 * s + 1] * inverseZ
        }
        Attraction.add(y, p: p, scale: exaggeration, into: g)
        return z
    }

    private static func repel(leaf id: Int, _ tree: QuadTree, _ theta2: Double, _ terms: InteractionList,
                              out: Buffer<Double>) {
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.xs.withUnsafeBufferPointer { xs in
                tree.ys.withUnsafeBufferPointer { ys in
                    let leaf = nodes[id]
                    let first = Int(leaf.start), last = Int(leaf.end)
                    var lx = Double.infinity, hx = -Double.infinity, ly = Double.infinity, hy = -Double.infinity
                    for s in first..<last {
                        lx = min(lx, xs[s]); hx = max(hx, xs[s])
                        ly = min(ly, ys[s]); hy = max(hy, ys[s])
                    }
                    // Terms are stored relative to the leaf's centre, so Float keeps their precision.
                    let ox = (lx + hx) / 2, oy = (ly + hy) / 2
                    terms.removeAll()
                    var i = 0
                    while i < nodes.count {
                        let node = nodes[i]
                        let gx = max(lx - node.cx, 0, node.cx - hx), gy = max(ly - node.cy, 0, node.cy - hy)
                        if node.side2 < theta2 * (gx * gx + gy * gy) {
                            terms.append(node.cx - ox, node.cy - oy, node.count)
                            i = Int(node.skip)
                        } else if node.leaf {
                            for t in Int(node.start)..<Int(node.end) { terms.append(xs[t] - ox, ys[t] - oy, 1) }
                            i = Int(node.skip)
                        } else {
                            i += 1
                        }
                    }
                    terms.pad()
                    for s in first..<last {
                        let (fx, fy, z) = terms.forces(at: InteractionList.Lanes(repeating: Float(xs[s] - ox)),
                                                    InteractionList.Lanes(repeating: Float(ys[s] - oy)))
                        out[3 * s] = fx
                        out[3 * s + 1] = fy
                        out[3 * s + 2] = z - 1
                    }
                }
            }
        }
    }
}
