import Testing
@testable import Embedding
import Tensors

@Suite struct NeighborTests {
    static let square = Tensor(shape: [5, 2], scalars: [0, 0, 1, 0, 0, 1, 1, 1, 3, 3])

    @Test func equalDistancesGoToTheLowerIndex() throws {
        let found = try NearestNeighbors.search(Self.square, queries: Tensor([0.5, 0.5]), k: 3)
        #expect(found == [[0, 1, 2]])
        let far = try NearestNeighbors.search(Self.square, queries: Tensor(shape: [2, 2], scalars: [3, 3, 1, 0.9]), k: 2)
        #expect(far == [[4, 3], [3, 1]])
    }

    @Test func aQueryThatIsAPointFindsItselfFirst() throws {
        #expect(try NearestNeighbors.search(Self.square, queries: Self.square, k: 1) == [[0], [1], [2], [3], [4]])
    }

    @Test func treeSearchIsExactWhateverTheSeed() {
        let x = Fixture.gaussian(400, 6, seed: 21)
        let rows = try! Rows(x, what: "x")
        let a = NearestNeighbors.graph(rows, k: 15, seed: 1), b = NearestNeighbors.graph(rows, k: 15, seed: 99)
        for i in stride(from: 0, to: 400, by: 13) {
            let brute = (0..<400).filter { $0 != i }
                .sorted { NeighborHeap.before(rows.squaredDistance(i, $0), Int32($0), rows.squaredDistance(i, $1), Int32($1)) }
            let expected = brute.prefix(15).map { Int32($0) }
            #expect((0..<15).map { a.indices[i * 15 + $0] } == expected)
            #expect((0..<15).map { b.indices[i * 15 + $0] } == expected)
        }
    }

    /// The GEMM-filtered search and the tree give the same indices, on data
    /// with exact duplicates (ties) and far from the origin (large norms).
    @Test func productSearchAgreesWithTheTree() throws {
        var values = Fixture.gaussian(300, 40, seed: 23).scalars.map { $0 + 50 }
        for d in 0..<40 { values[7 * 40 + d] = values[3 * 40 + d] }  // point 7 duplicates point 3
        let data = try Rows(Tensor(shape: [300, 40], scalars: values), what: "x")
        let queries = try Rows(Tensor(shape: [150, 40], scalars: Array(values.prefix(150 * 40))), what: "queries")
        let k = 12
        let products = Buffer<Int32>(repeating: 0, count: 150 * k)
        ProductSearch.nearest(data, queries: queries, k: k, into: products)
        let tree = VantagePointTree(data, seed: 5)
        var heap = NeighborHeap()
        for i in 0..<150 {
            tree.nearest(to: queries.row(i), k: k, into: &heap)
            #expect((0..<k).map { products[i * k + $0] } == heap.indices, "query \(i)")
        }
        #expect((0..<2).map { products[3 * k + $0] } == [3, 7])
        #expect((0..<2).map { products[7 * k + $0] } == [3, 7])
        // Leaving each point out of its own list, as the t-SNE graph does.
        let own = Buffer<Int32>(repeating: 0, count: 300 * k), ownDistances = Buffer<Float>(repeating: 0, count: 300 * k)
        ProductSearch.nearest(data, queries: data, k: k, excludingSelf: true, into: own, distances: ownDistances)
        for i in stride(from: 0, to: 300, by: 7) {
            tree.nearest(to: data.row(i), k: k, excluding: i, into: &heap)
            #expect((0..<k).map { own[i * k + $0] } == heap.indices)
            #expect((0..<k).map { ownDistances[i * k + $0] } == heap.distances)
        }
        #expect(own[7 * k] == 3 && own[3 * k] == 7)
    }

    @Test func duplicatePointsAreFoundInIndexOrder() {
        let rows = Rows(count: 40, dim: 1, values: [Float](repeating: 2, count: 40))
        let g = NearestNeighbors.graph(rows, k: 3, seed: 4)
        #expect((0..<3).map { g.indices[$0] } == [1, 2, 3])
        #expect((0..<3).map { g.indices[39 * 3 + $0] } == [0, 1, 2])
    }

    @Test func votingAccuracyBreaksTiesByTheNearestNeighbour() throws {
        // Positions on a line; with k = 2 every vote but the outliers' is a tie.
        let points = Tensor(shape: [6, 1], scalars: [0, 1, 2, 3, 10, 11])
        let accuracy = try NearestNeighbors.votingAccuracy(points, labels: [7, 7, 8, 8, 9, 9], k: 2)
        // Point 2 (label 8) ties between 1 (label 7) and 3 (label 8); 1 is the lower index, so it is wrong.
        #expect(accuracy == 5.0 / 6.0)
        #expect(try NearestNeighbors.votingAccuracy(points, labels: [7, 7, 8, 8, 9, 9], k: 1) == 5.0 / 6.0)
    }

    @Test func wellSeparatedClustersVotePerfectly() throws {
        let (x, labels) = Fixture.clusters(4, perCluster: 25, dim: 3, spread: 20)
        #expect(try NearestNeighbors.votingAccuracy(x, labels: labels, k: 10) == 1)
    }

    @Test func badArgumentsAreErrors() {
        #expect(throws: EmbeddingError.self) { try NearestNeighbors.search(Self.square, queries: Tensor([1, 2, 3]), k: 1) }
        #expect(throws: EmbeddingError.self) { try NearestNeighbors.search(Self.square, queries: Tensor([1, 2]), k: 6) }
        #expect(throws: EmbeddingError.self) { try NearestNeighbors.votingAccuracy(Self.square, labels: [1, 2], k: 1) }
        #expect(throws: EmbeddingError.self) { try NearestNeighbors.votingAccuracy(Self.square, labels: [1, 2, 3, 4, 5], k: 5) }
        let nan = Tensor(shape: [2, 1], scalars: [0, .nan])
        #expect(throws: EmbeddingError.self) { try NearestNeighbors.search(nan, queries: Tensor([1]), k: 1) }
    }
}
