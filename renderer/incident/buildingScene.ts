import {
  AmbientLight,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  ExtrudeGeometry,
  Group,
  LineBasicMaterial,
  LineLoop,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  Shape,
  Vector2,
  Vector3,
  WebGLRenderer,
  type Material,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { floorRisk, floorStack, type FloorRisk } from '../../shared/domain/floorRisk';
import {
  LEVEL_COLOURS,
  type IncidentLevel,
  type IncidentType,
} from '../../shared/domain/incidentKinds';
import type { LocalBuilding } from '../../shared/geo/buildingsNear';

/** What the 3D view shows: the incident's building floor by floor, and its neighbours. */
export interface BuildingModel {
  readonly key: string;
  readonly type: IncidentType;
  readonly level: IncidentLevel;
  readonly radiusMetres: number;
  readonly target?: LocalBuilding & { readonly floors: number };
  readonly incidentFloor?: number;
  readonly neighbours: readonly LocalBuilding[];
}

/** Counters the tests and the benchmark read. */
export interface BuildingSceneInfo {
  readonly geometries: number;
  readonly textures: number;
  readonly programs: number;
  readonly floors: number;
  readonly neighbours: number;
  readonly frames: number;
  readonly contextLosses: number;
  readonly contextRestores: number;
  readonly buildMs: number;
  readonly lost: boolean;
}

const RISK_COLOURS: Readonly<Record<Exclude<FloorRisk, 'incident'>, number>> = {
  high: 0xff7a1a,
  medium: 0xf2c94c,
  none: 0x8a96a8,
};
/** Storey slabs are this share of a storey high, so the floors read as a stack. */
const SLAB = 0.82;

/** A part's camera: where it stands and what it looks at, metres about the incident. */
export interface BuildingView {
  readonly position: readonly [number, number, number];
  readonly target: readonly [number, number, number];
}

/**
 * Owns the incident view's three.js renderer (one per view) and everything it draws. `show`
 * replaces the model, disposing every geometry and material of the one before; `setExplode`
 * pulls the floors apart; a lost WebGL context is rebuilt once the browser gives it back.
 */
export class BuildingScene {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(40, 1, 1, 20_000);
  private readonly controls: OrbitControls;
  private readonly content = new Group();
  private readonly owned: { geometries: BufferGeometry[]; materials: Material[] } = {
    geometries: [],
    materials: [],
  };
  private floors: { mesh: Mesh; index: number }[] = [];
  private storey = 3;
  private incidentMaterial: MeshLambertMaterial | undefined;
  private model: BuildingModel | undefined;
  private explode = 0;
  private frame = 0;
  private frames = 0;
  private losses = 0;
  private restores = 0;
  private buildMs = 0;
  private lost = false;
  private renderedAt = -Infinity;
  /** No part of the view is on this window's screen: nothing to draw. */
  private hidden = false;
  private readonly resize: ResizeObserver;
  /** Until when a person's hand (and the damping after it) moves this part's camera. */
  private drivenUntil = -Infinity;
  private viewSentAt = -Infinity;

  /**
   * `host` is the view's whole box; the canvas covers only the part of it this window shows (a
   * region across panels lays the view out over all of them), and the camera renders that part
   * of the one picture, so each panel draws its share and no more.
   */
  constructor(
    private readonly host: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    /** Where a person turned the camera here (at most every 16 ms): the region's other parts follow. */
    private readonly onView?: (view: BuildingView) => void,
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.setClearColor(new Color(0x0b1424));
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.maxPolarAngle = Math.PI * 0.49;
    this.controls.addEventListener('start', this.onDriveStart);
    this.controls.addEventListener('end', this.onDriveEnd);
    this.controls.addEventListener('change', this.onChange);
    this.scene.add(new AmbientLight(0xffffff, 1.6));
    const sun = new DirectionalLight(0xffffff, 1.8);
    sun.position.set(-300, -500, 800);
    this.scene.add(sun, this.content);
    canvas.addEventListener('webglcontextlost', this.onLost);
    canvas.addEventListener('webglcontextrestored', this.onRestored);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(host);
    window.addEventListener('resize', this.fit);
    this.fit();
    this.loop();
  }

  show(model: BuildingModel): void {
    const same = this.model?.key === model.key;
    this.model = model;
    this.build(!same);
  }

  /** Where another part of this region looks: taken as it is, never sent back. */
  setView(view: BuildingView): void {
    this.camera.position.set(...view.position);
    this.controls.target.set(...view.target);
    this.controls.update();
  }

  /** The camera now (tests, and a part that joins late). */
  get view(): BuildingView {
    const { x, y, z } = this.camera.position;
    const t = this.controls.target;
    return { position: [x, y, z], target: [t.x, t.y, t.z] };
  }

  /** 0: the floors stacked as built; 1: pulled apart by two storeys each. */
  setExplode(value: number): void {
    this.explode = Math.min(1, Math.max(0, value));
    this.placeFloors();
  }

  info(): BuildingSceneInfo {
    const memory = this.renderer.info.memory;
    return {
      geometries: memory.geometries,
      textures: memory.textures,
      programs: this.renderer.info.programs?.length ?? 0,
      floors: this.floors.length,
      neighbours: this.model?.neighbours.length ?? 0,
      frames: this.frames,
      contextLosses: this.losses,
      contextRestores: this.restores,
      buildMs: this.buildMs,
      lost: this.lost,
    };
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    window.removeEventListener('resize', this.fit);
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    this.clear();
    this.controls.removeEventListener('start', this.onDriveStart);
    this.controls.removeEventListener('end', this.onDriveEnd);
    this.controls.removeEventListener('change', this.onChange);
    this.controls.dispose();
    this.renderer.dispose();
  }

  /** Drops the scene's content and gives its GPU memory back. */
  private clear(): void {
    this.content.clear();
    for (const g of this.owned.geometries) g.dispose();
    for (const m of this.owned.materials) m.dispose();
    this.owned.geometries = [];
    this.owned.materials = [];
    this.floors = [];
    this.incidentMaterial = undefined;
  }

  private build(aim: boolean): void {
    const started = performance.now();
    this.clear();
    const model = this.model;
    if (!model) return;
    const geometry = <T extends BufferGeometry>(g: T): T => {
      this.owned.geometries.push(g);
      return g;
    };
    const material = <T extends Material>(m: T): T => {
      this.owned.materials.push(m);
      return m;
    };
    const [r, g, b] = LEVEL_COLOURS[model.level];
    const levelColour = new Color(r / 255, g / 255, b / 255);

    const extent = Math.max(model.radiusMetres * 1.3, 120);
    const ground = new Mesh(
      geometry(new PlaneGeometry(extent * 2, extent * 2)),
      // See-through, so basements below ground stay visible.
      material(
        new MeshLambertMaterial({
          color: 0x16213a,
          transparent: true,
          opacity: 0.6,
          depthWrite: false,
        }),
      ),
    );
    this.content.add(ground);
    const circle: Vector3[] = [];
    for (let i = 0; i < 96; i += 1) {
      const a = (i / 96) * Math.PI * 2;
      circle.push(
        new Vector3(Math.cos(a) * model.radiusMetres, Math.sin(a) * model.radiusMetres, 0.5),
      );
    }
    this.content.add(
      new LineLoop(
        geometry(new BufferGeometry().setFromPoints(circle)),
        material(new LineBasicMaterial({ color: levelColour })),
      ),
    );

    if (model.neighbours.length > 0) {
      const blocks = model.neighbours.map((n) => extrude(n.ring, n.height));
      const merged = mergeGeometries(blocks, false);
      for (const block of blocks) block.dispose();
      if (merged)
        this.content.add(
          new Mesh(
            geometry(merged),
            material(
              new MeshLambertMaterial({
                color: 0x6b7a90,
                transparent: true,
                opacity: 0.28,
                depthWrite: false,
                side: DoubleSide,
              }),
            ),
          ),
        );
    }

    const target = model.target;
    if (target) {
      this.storey = Math.max(2.5, target.height / Math.max(1, target.floors));
      const slab = geometry(extrude(target.ring, this.storey * SLAB));
      const byRisk = new Map<FloorRisk, MeshLambertMaterial>();
      const riskMaterial = (risk: FloorRisk) => {
        let m = byRisk.get(risk);
        if (!m) {
          m =
            risk === 'incident'
              ? new MeshLambertMaterial({ color: levelColour, emissive: levelColour })
              : new MeshLambertMaterial({ color: RISK_COLOURS[risk] });
          byRisk.set(risk, material(m));
          if (risk === 'incident') this.incidentMaterial = m;
        }
        return m;
      };
      floorStack(target.floors, model.incidentFloor).forEach((floor) => {
        const risk =
          model.incidentFloor === undefined
            ? 'none'
            : floorRisk(model.type, model.incidentFloor, floor);
        const mesh = new Mesh(slab, riskMaterial(risk));
        mesh.userData = { floor };
        this.floors.push({ mesh, index: floor < 0 ? floor : floor - 1 });
        this.content.add(mesh);
      });
      this.placeFloors();
    }
    if (aim) this.aim(model, extent);
    this.buildMs = performance.now() - started;
  }

  private placeFloors(): void {
    const gap = 1 + this.explode * 2;
    for (const { mesh, index } of this.floors) mesh.position.z = index * this.storey * gap;
  }

  private aim(model: BuildingModel, extent: number): void {
    const height = model.target ? model.target.height * (1 + this.explode * 2) : 30;
    const reach = Math.max(height * 1.5, Math.min(extent * 0.8, 160));
    this.controls.target.set(0, 0, height * 0.4);
    this.camera.position.set(reach * 0.9, -reach * 1.3, height * 0.5 + reach * 0.7);
    this.camera.far = extent * 20;
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  private readonly fit = (): void => {
    const box = this.host.getBoundingClientRect();
    const width = Math.max(1, Math.round(box.width));
    const height = Math.max(1, Math.round(box.height));
    // What of the host this window shows.
    const left = Math.max(0, -box.left);
    const top = Math.max(0, -box.top);
    const right = Math.min(width, window.innerWidth - box.left);
    const bottom = Math.min(height, window.innerHeight - box.top);
    this.hidden = right - left < 1 || bottom - top < 1;
    const w = Math.max(1, Math.round(right - left));
    const h = Math.max(1, Math.round(bottom - top));
    Object.assign(this.canvas.style, {
      left: `${left}px`,
      top: `${top}px`,
      width: `${w}px`,
      height: `${h}px`,
    });
    this.renderer.setSize(w, h, false);
    this.camera.aspect = width / height;
    if (w < width || h < height) this.camera.setViewOffset(width, height, left, top, w, h);
    else this.camera.clearViewOffset();
    this.camera.updateProjectionMatrix();
  };

  private readonly loop = (time: number = performance.now()): void => {
    this.frame = requestAnimationFrame(this.loop);
    // 30 frames a second are enough for a pulse and an orbit, and halve a wall PC's work.
    if (this.lost || this.hidden || time - this.renderedAt < 30) return;
    this.renderedAt = time;
    if (this.incidentMaterial)
      this.incidentMaterial.emissiveIntensity = 0.35 + 0.35 * Math.sin(performance.now() / 250);
    this.controls.update();
    this.renderer.render(this.scene, this.camera);
    this.frames += 1;
  };

  private readonly onDriveStart = (): void => {
    this.drivenUntil = Infinity;
  };

  /** The camera glides on a little after the hand lets go (damping): keep sending meanwhile. */
  private readonly onDriveEnd = (): void => {
    this.drivenUntil = performance.now() + 1_000;
  };

  private readonly onChange = (): void => {
    const now = performance.now();
    if (!this.onView || now > this.drivenUntil || now - this.viewSentAt < 16) return;
    this.viewSentAt = now;
    this.onView(this.view);
  };

  private readonly onLost = (event: Event): void => {
    // Without this the browser never gives the context back.
    event.preventDefault();
    this.lost = true;
    this.losses += 1;
  };

  private readonly onRestored = (): void => {
    this.lost = false;
    this.restores += 1;
    // three.js sets its GL state up again; everything drawn is built afresh on the new context.
    this.build(false);
  };
}

/** A footprint extruded `height` metres up from z = 0. */
function extrude(ring: readonly (readonly [number, number])[], height: number): ExtrudeGeometry {
  const shape = new Shape(ring.map(([x, y]) => new Vector2(x, y)));
  return new ExtrudeGeometry(shape, { depth: height, bevelEnabled: false });
}
